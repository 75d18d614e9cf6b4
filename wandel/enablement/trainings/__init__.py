"""Trainings: the course catalogue, learning paths per role, sessions with enrolment, waiting
list and attendance, and the completions they record."""
