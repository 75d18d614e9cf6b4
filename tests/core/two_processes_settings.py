"""Wandel's own settings for the servers that tests/core/test_two_processes.py starts.

Two things differ, both only to keep the test fast: static files are not collected into a
compressed manifest (that takes the best part of a minute, and the test fetches no static
file), and passwords use a fast hasher, as in the rest of the suite.
"""

from wandel.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
