"""Sign-in protection: login throttling, security events and the security headers."""
