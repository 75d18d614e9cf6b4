"""Requests for what a gate needs: someone who cannot give a need asks those who can."""
