"""Enablement: trainings and learning paths, AI-literacy evidence (EU AI Act Art. 4),
co-creation sprints and the community. One sub-package per sub-domain."""
