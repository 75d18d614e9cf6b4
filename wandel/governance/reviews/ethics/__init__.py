"""Ethics reviews: the board's checklist, the reviews that answer it, their conditions."""
