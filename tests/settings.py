"""Settings for the test suite: Wandel's own settings with a throw-away data directory.

The suite runs on SQLite unless WANDEL_TEST_DATABASE_URL names another database
(CI sets it to PostgreSQL); nothing here changes how Wandel itself behaves.
"""

import os
import tempfile

os.environ["WANDEL_DATA_DIR"] = tempfile.mkdtemp(prefix="wandel-test-")
os.environ.pop("WANDEL_DATABASE_URL", None)

from wandel import env
from wandel.settings import *  # noqa: F403
from wandel.settings import DATA_DIR

DATABASES = {
    "default": env.database(
        os.environ.get("WANDEL_TEST_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'test.sqlite3'}"
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "en"
