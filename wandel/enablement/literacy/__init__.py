"""AI-literacy evidence (EU AI Act Art. 4): who has done the trainings their paths require
and whether they are still valid, and coverage per unit and role against a target."""
