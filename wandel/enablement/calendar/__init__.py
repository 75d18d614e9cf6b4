"""Calendar files: one per session or event, and a personal feed behind a secret link."""
