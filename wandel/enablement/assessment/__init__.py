"""A person's self-assessment before and after a session, and the anonymous evaluation of a
session by those who attended it."""
