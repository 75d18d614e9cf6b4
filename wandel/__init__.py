"""Wandel: the people side of a GenAI rollout, self-hosted."""

__version__ = "0.1.0"
