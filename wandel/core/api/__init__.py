"""Shared plumbing of the REST API: authentication, permission checks, error and person
schemas, pagination, and the registry through which apps mount their routers."""
