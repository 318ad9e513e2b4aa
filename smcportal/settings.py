"""Settings of the SMC Portal, read from environment variables (see README.md).

Development works with no variable set: SQLite, console mail, DEBUG on. With DEBUG off the
portal refuses to start without SECRET_KEY and ALLOWED_HOSTS and turns every security
setting on.
"""

from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from smcportal.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", env_bool("DJANGO_DEBUG", True))

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "development-only-not-secret-e4a1b7f9c2d8")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required("SECRET_KEY", "a long random string, kept secret, used to sign sessions and links.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS", "the host names the portal answers to, comma-separated.")

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "core.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    # Django 6 ships the Tasks framework as django.tasks; before it, the django-tasks backport is that app.
    *([] if find_spec("django.tasks") else ["django_tasks"]),
    "django_tasks_db",
    "core",
    "accounts",
    "cities",
    "topics",
    "ambassadors",
    "projects",
    "portal",
    "devdata",  # factories, load_demo, load_bench_data: development data, built through the workflows
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages leave compressed (with Django's BREACH mitigation); static files come precompressed by WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.languages.PortalLocaleMiddleware",  # ?lang=, then the cookie, then Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.cache.versions.VersionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "smcportal.urls"
WSGI_APPLICATION = "smcportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
                "accounts.context_processors.rights",
            ],
        },
    },
]

# Database: SQLite file by default so that `make run` needs no server; postgres:// uses psycopg 3.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One slow query must not hold a worker for ever.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT_MS', 15000)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, sessions and rate limits live in Redis when there is one, else in the database:
# either way they hold across several app processes.
REDIS_URL = env_str("REDIS_URL")
DATABASE_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
if REDIS_URL:
    CACHES = {
        # Redis while it answers; while it does not, rate limits count in the database (core/cache/backend.py).
        "default": {
            "BACKEND": "core.cache.backend.PortalCache",
            "OPTIONS": {"PRIMARY": "redis", "RATE_LIMITS": "database"},
        },
        "redis": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", ""),  # several portals on one Redis
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
        "database": DATABASE_CACHE,
    }
else:
    CACHES = {"default": DATABASE_CACHE}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Whole pages cached (core.cache); off in development so that edits show at once.
PAGE_CACHE = env_bool("PAGE_CACHE", not DEBUG)
# What each process keeps of them in its own memory, besides the shared cache.
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_MB", 32) * 1024 * 1024

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: email only, verified before use, no account enumeration.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SMC Portal] "
# allauth's mails go through the outbox in their reader's language; sign-up records the language it was made in.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # The portal's own forms, counted by the same machinery.
    "join": env_str("RATE_LIMIT_JOIN", "5/h/ip"),
    "sign_declaration": env_str("RATE_LIMIT_SIGN", "10/h/ip"),
    "report_post": "20/h/user",
}
# A post reported by this many different members who may report is hidden until a moderator reviews it (a staff
# member's report hides it at once).
REPORT_HIDE_THRESHOLD = env_int("REPORT_HIDE_THRESHOLD", 3, minimum=1)
# Client IPs come from the right-most X-Forwarded-For entries added by our own proxies only.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "SMC Portal"
MFA_TOTP_TOLERANCE = 1  # one 30-second step either way, for phones whose clock drifts (RFC 6238)

LANGUAGE_CODE = "en"
# The official languages of the European Union, in their protocol order (by each one's name in itself), named
# in English for the admin; the language chooser names each in itself. Portuguese is European Portuguese,
# "pt-pt": allauth translates it as pt_PT, and browsers that ask for any Portuguese are offered it.
EU_LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("es", _("Spanish")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("et", _("Estonian")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("it", _("Italian")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("hu", _("Hungarian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt-pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
]
# The languages the portal speaks: every official language of the EU, each with its complete catalogue in
# locale/ (README, "Languages").
LANGUAGES = EU_LANGUAGES
# Django's own table of languages lacks Maltese and the code of European Portuguese.
LANG_INFO.update(
    {
        "mt": {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"},
        "pt-pt": {"bidi": False, "code": "pt-pt", "name": "Portuguese", "name_local": "Português"},
    }
)
# Dates and numbers: Django's formats per language, completed where Django has none or too few (smcportal/formats).
FORMAT_MODULE_PATH = ["smcportal.formats"]
# The portal's own strings; then its translations of the Django and allauth strings it shows, for the languages
# those packages do not translate (`manage.py third_party_messages`, README "Languages").
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_third_party"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Mail: printed to the console in development.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SMC Portal <noreply@smc-portal.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", ["staff@smc-portal.localhost"])
# A mail server that stops answering must not hold a worker for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)

# Background work (core.taskqueue): Django's Tasks framework with its database backend, so the queue is a table
# of the portal's own database, shared by every `manage.py db_worker` on any machine. No request sends mail:
# it writes the outbox (core.mail) and a worker delivers it (core.delivery).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How many recipients one task handles: a fan-out writes, and a delivery sends over one connection, this many.
MAIL_BATCH_SIZE = env_int("MAIL_BATCH_SIZE", 50)
# A mail the server refused is tried again after 1, 3, 9... minutes (tripled each time, at most 6 hours apart),
# and marked failed, for staff to see in the admin, after the last attempt.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
# Sent mails are kept this long in the outbox (they hold personal data), then deleted.
MAIL_KEEP_DAYS = env_int("MAIL_KEEP_DAYS", 90)
# The sweeper (a periodic job, or `manage.py outbox sweep`): a task still running after TASKS_STALE_MINUTES is
# taken for lost with its worker and run again where that is safe; a mail still "sending" after
# MAIL_INTERRUPTED_MINUTES is marked failed (never sent again by itself); a mail due MAIL_LOST_MINUTES ago and
# still queued has lost its task and is queued again.
TASKS_STALE_MINUTES = env_int("TASKS_STALE_MINUTES", 15)
MAIL_INTERRUPTED_MINUTES = env_int("MAIL_INTERRUPTED_MINUTES", 30)
MAIL_LOST_MINUTES = env_int("MAIL_LOST_MINUTES", 10)

# Security. Production (DEBUG off) gets the full set; each can be tuned by environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS])
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict Content-Security-Policy: everything from our own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "core.log_redaction.RedactingFilter"}},
    "formatters": {
        "utc": {"()": "core.log_redaction.UTCFormatter", "format": "%(asctime)sZ %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

DIRECTORY_PAGE_SIZE = 25
FORMS_URLFIELD_ASSUME_HTTPS = True  # transitional: Django 6 makes https the default
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
