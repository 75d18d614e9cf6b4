"""Django settings for Wandel, read from WANDEL_* environment variables (see .env.example)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP
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
    "wandel.enablement",
    "wandel.feedback",
    "wandel.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "axes",
    "django_tasks_db",
]

# Background work (notification e-mail) is stored in the database and run by `wandel worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wandel.core.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "wandel.core.middleware.RefuseUnstorableInput",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it turns a refused sign-in into the "paused" page (see Sign-in below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wandel.urls"
# Django's form templates, with `<select>` written in Python (see the module).
FORM_RENDERER = "wandel.core.form_renderer.FormRenderer"
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
    # First, so a paused account or address is refused before its password is checked.
    "wandel.core.security.backends.LoginThrottle",
    "wandel.core.security.backends.PasswordBackend",
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
# English dates as written in Europe (24/12/2026), not American ones: wandel/formats/en.
FORMAT_MODULE_PATH = ["wandel.formats"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.env_str("WANDEL_TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Pages name static files by their hashed names only, so only those are kept and compressed;
# source maps (most of the API documentation's 30 MB) are served uncompressed: browsers
# fetch them only when developer tools are open. This keeps collectstatic, run by each
# `wandel serve`, to seconds instead of minutes.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br"),
    *("woff", "woff2", "mp4", "webm", "map"),
)
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
# The address people reach Wandel under, for the links in e-mail sent in the background
# (notifications), where no request tells it.
SITE_URL = env.env_str("WANDEL_SITE_URL", "http://localhost:8000")
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
BEHIND_PROXY = env.env_bool("WANDEL_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SESSION_COOKIE_HTTPONLY = True
# Sessions and the cache live in the database, so every `wandel serve` process, on this
# machine or another one using the same database, sees the same sign-ins and cached values
# (docs/deployment.md). `wandel migrate` makes the cache's table (core migration 0002).
# Sign-in throttling does not rely on the cache: django-axes keeps its counts in its own
# tables (AXES_HANDLER below derives from its database handler).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wandel_cache",
    }
}
SESSION_COOKIE_AGE = env.env_int("WANDEL_SESSION_HOURS", 12, minimum=1) * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only Wandel's own files: no inline script or style, no eval (htmx is configured for it in
# base.html), nothing from elsewhere. data: images are the API documentation's icons.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features Wandel never uses, switched off for every page (core.security.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)

# Sign-in throttling (django-axes, see core.security.throttle). Failed sign-ins are counted
# by account and by address separately; either limit pauses sign-ins for the cool-off time,
# after which the count starts again. API tokens are not affected.
LOGIN_ACCOUNT_LIMIT = env.env_int("WANDEL_LOGIN_ACCOUNT_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_LIMIT = env.env_int("WANDEL_LOGIN_ADDRESS_LIMIT", 25, minimum=1)
AXES_FAILURE_LIMIT = LOGIN_ACCOUNT_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=env.env_int("WANDEL_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "wandel.core.security.throttle.LoginThrottleHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "wandel.core.security.throttle.typed_account"
AXES_CLIENT_IP_CALLABLE = "wandel.core.security.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "wandel.core.security.throttle.paused"
# Attempts while paused do not extend the pause, so an attacker cannot keep someone out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Wandel keeps its own, purpose-bound record of sign-ins (core.SecurityEvent).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Security events (sign-ins, failures, password changes) are deleted after this many days by
# `wandel security-events purge`.
SECURITY_EVENT_DAYS = env.env_int("WANDEL_SECURITY_EVENT_DAYS", 90, minimum=1)
# How long the link in an invitation to set the first password works.
INVITATION_DAYS = env.env_int("WANDEL_INVITATION_DAYS", 7, minimum=1)

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
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Axes logs every sign-in; Wandel records them as security events instead.
        "axes": {"level": "WARNING"},
    },
}
