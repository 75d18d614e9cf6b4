"""Django settings for Wandel, read from WANDEL_* environment variables (see .env.example)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from wandel import __version__, env

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = env.data_dir()

DEBUG = env.env_bool("WANDEL_DEBUG", False)
SECRET_KEY = env.secret_key(DATA_DIR)
ALLOWED_HOSTS = env.env_list("WANDEL_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.env_list("WANDEL_CSRF_TRUSTED_ORIGINS", [])
WANDEL_VERSION = __version__

INSTALLED_APPS = [
    "wandel.core.apps.CoreConfig",
    "wandel.core.apps.WandelAdminConfig",
    "wandel.org",
    "wandel.portfolio",
    "wandel.governance",
    "wandel.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "wandel.urls"
WSGI_APPLICATION = "wandel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wandel.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.database(
        env.env_str("WANDEL_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'wandel.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "wandel.org.backends.RoleBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGES = [("de", _("German")), ("en", _("English"))]
LANGUAGE_CODE = env.env_choice("WANDEL_DEFAULT_LANGUAGE", "de", ("de", "en"))
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.env_str("WANDEL_TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail. Without an SMTP host, mail is written to the server log, which suits a first
# installation and keeps an air-gapped machine from trying to reach anything.
SMTP_HOST = env.env_str("WANDEL_SMTP_HOST")
if SMTP_HOST:
    SMTP_SECURITY = env.env_choice("WANDEL_SMTP_SECURITY", "starttls", ("none", "starttls", "ssl"))
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": env.env_int("WANDEL_SMTP_PORT", 587, minimum=1),
                "username": env.env_str("WANDEL_SMTP_USER"),
                "password": env.env_str("WANDEL_SMTP_PASSWORD"),
                "use_tls": SMTP_SECURITY == "starttls",
                "use_ssl": SMTP_SECURITY == "ssl",
                "timeout": env.env_int("WANDEL_SMTP_TIMEOUT", 10, minimum=1),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.env_str("WANDEL_MAIL_FROM", "Wandel <wandel@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS. Set WANDEL_HTTPS=true when users reach Wandel over https (directly or through a
# reverse proxy that sets X-Forwarded-Proto); that turns on secure cookies, HSTS and redirects.
HTTPS = env.env_bool("WANDEL_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.env_int("WANDEL_HSTS_SECONDS", 31_536_000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env.env_bool("WANDEL_HSTS_PRELOAD", False)
if env.env_bool("WANDEL_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.env_int("WANDEL_SESSION_HOURS", 12, minimum=1) * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is an explicit opt-in (WANDEL_HSTS_PRELOAD): it cannot be undone quickly.
    "security.W021",
]

API_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.env_str("WANDEL_LOG_LEVEL", "INFO").upper()},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
