"""Seva's one settings module.

Its defaults are production's: DEBUG off, HTTPS enforced (redirect and HSTS), and a secret key
required. A laptop sets ``SEVA_DEBUG=true`` (``scripts/demo`` and the tests do) and then needs
nothing else: SQLite in ``var/``, plain HTTP. Production sets ``SEVA_SECRET_KEY`` and
``DATABASE_URL`` (PostgreSQL). Every variable read here is listed, with a one-line comment, in
``.env.example`` (a test keeps the two in step).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SEVA_DATA_DIR", str(BASE_DIR / "var")))

# Off unless asked for: a forgotten variable must never serve tracebacks to the internet.
DEBUG = env_bool("SEVA_DEBUG", False)
SECRET_KEY = env_str("SEVA_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SEVA_SECRET_KEY must be set when SEVA_DEBUG is false")
    SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("SEVA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("SEVA_CSRF_TRUSTED_ORIGINS", [])
# Public base URL, used in links we send to citizens (tracking pages in replies).
SITE_URL = env_str("SEVA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Seva's admin site (seva/directory/adminsite.py): administrators only, each in their own
    # subtree, declared filters only, a session verified by the desk's second factor.
    "seva.directory.apps.SevaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    # Sign-in: lockout after failed attempts (axes); second factor (django-otp: authenticator
    # apps and single-use recovery codes).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "seva.core",
    "seva.directory",
    "seva.routing",
    "seva.complaints",
    "seva.channels",
    "bench",
    "seva.desk",
    "seva.command",
    "seva.public",
    "seva.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # NUL characters (which PostgreSQL refuses) answered 400 before any view or query.
    "seva.core.middleware.RefuseNulMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "seva.desk.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "seva" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL) is the embedded default; DATABASE_URL=postgres://… selects PostgreSQL.
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=env_int("SEVA_DB_CONN_MAX_AGE", 60, minimum=0)
        )
    }
    DATABASES["default"].setdefault("OPTIONS", {})
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SEVA_SQLITE_PATH", str(DATA_DIR / "seva.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock
                # at BEGIN so two writers queue on `timeout` instead of failing mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": env_float("SEVA_SQLITE_TIMEOUT", 20.0),
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("SEVA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- People and sessions --------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:queue"
LOGOUT_REDIRECT_URL = "desk:login"
# --- Sign-in: lockout and the second factor (docs/desk.md, "Signing in") -------------------
# The lockout backend comes first: it refuses a locked-out account or client before a password
# is checked, and counts every failure (password or second factor) through Django's signal.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins (a wrong password or a wrong second-factor code) before a lock.
SEVA_SIGNIN_FAILURE_LIMIT = env_int("SEVA_SIGNIN_FAILURE_LIMIT", 5, minimum=1)
# Minutes a lock lasts after the last failure (0 = until an administrator unlocks it).
SEVA_SIGNIN_LOCKOUT_MINUTES = env_int("SEVA_SIGNIN_LOCKOUT_MINUTES", 15, minimum=0)
AXES_FAILURE_LIMIT = SEVA_SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = (
    dt.timedelta(minutes=SEVA_SIGNIN_LOCKOUT_MINUTES) if SEVA_SIGNIN_LOCKOUT_MINUTES else None
)
# Two locks, each on its own: one account, whatever the address (guessing one person's
# password from many machines), and one client address, whatever the account (trying many
# accounts from one machine).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client address is the one the rate limits use (SEVA_CLIENT_IP_HEADER behind a proxy).
AXES_CLIENT_IP_CALLABLE = "seva.desk.signin.signin_client_address"
AXES_LOCKOUT_CALLABLE = "seva.desk.views.signin.locked_out"
# Never copy what was typed into the attempt records: the code field joins the defaults.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "token"]
# Administrators see the attempts and unlock in the admin (seva/desk/admin.py).
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False  # no banner at every start; failures and lockouts are logged (WARNING)
# Roles that must sign in with a second factor, comma-separated, or "all" for everyone.
# Administrators and the HQ roles always must, whatever this says; so does anyone with admin
# access (staff).
SEVA_2FA_REQUIRED_ROLES = env_list(
    "SEVA_2FA_REQUIRED_ROLES", ["administrator", "hq_operator", "hq_reviewer"]
)
# The name authenticator apps show beside the code (e.g. "UP Police Seva").
OTP_TOTP_ISSUER = env_str("SEVA_2FA_ISSUER", "Seva")
# The device admin never shows an authenticator key or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- HTTPS ----------------------------------------------------------------------------------
# Plain-HTTP requests are redirected to HTTPS (off when debug is on, or when the reverse proxy
# redirects itself: SEVA_HTTPS_REDIRECT=false).
SECURE_SSL_REDIRECT = env_bool("SEVA_HTTPS_REDIRECT", not DEBUG)
# Browsers told to use HTTPS only, for this many seconds (0 = no HSTS header).
SECURE_HSTS_SECONDS = env_int("SEVA_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
# Seva's host and any host below it. `preload` only matters if a registrable domain is
# submitted to the browsers' preload list, which a subdomain cannot be.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Behind a reverse proxy that ends TLS, Django sees plain HTTP: without this it would redirect
# every request again (a loop) and never send HSTS. The header the proxy sets on HTTPS
# requests, as NAME or NAME=VALUE (value "https" when omitted), e.g. X-Forwarded-Proto. Never
# set it without a proxy that overwrites the header: anyone can send it.
_proxy_ssl_header = env_str("SEVA_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    _name, _, _value = _proxy_ssl_header.partition("=")
    if not re.fullmatch(r"[A-Za-z0-9-]+", _name.strip()):
        raise ImproperlyConfigured(
            f"SEVA_PROXY_SSL_HEADER must be a header name like X-Forwarded-Proto, not "
            f"{_proxy_ssl_header!r}"
        )
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"),
        _value.strip() or "https",
    )

# Tweets are hostile input: the policy allows only our own scripts and styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("hi", "हिन्दी")]
LOCALE_PATHS = [BASE_DIR / "seva" / "locale"]
USE_I18N = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # the language switch is remembered for a year
TIME_ZONE = "Asia/Kolkata"  # shown in IST; stored in UTC (USE_TZ)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

# --- Complaints -----------------------------------------------------------------------------
# Prefix of codes registered at state HQ before a district is known.
SEVA_HQ_CODE_PREFIX = env_str("SEVA_HQ_CODE_PREFIX", "UP")
# How often the SLA sweep runs in the worker, in seconds.
SEVA_SLA_SWEEP_SECONDS = env_int("SEVA_SLA_SWEEP_SECONDS", 60, minimum=5)

# --- Triage policy --------------------------------------------------------------------------
# A grievance whose district confidence reaches this goes straight to the district.
SEVA_TRIAGE_AUTO_FORWARD_CONFIDENCE = env_float("SEVA_TRIAGE_AUTO_FORWARD_CONFIDENCE", 0.8)

# --- Channels: X ----------------------------------------------------------------------------
# The X API's base URL: https://api.x.com, or the local double (manage.py x_double).
SEVA_X_API_BASE_URL = env_str("SEVA_X_API_BASE_URL", "https://api.x.com")
# OAuth 2.0 user-context token used for every account without its own token below.
SEVA_X_ACCESS_TOKEN = env_str("SEVA_X_ACCESS_TOKEN")
# Per-account tokens: handle=token pairs, comma-separated.
SEVA_X_ACCESS_TOKENS = [
    tuple(pair.split("=", 1)) for pair in env_list("SEVA_X_ACCESS_TOKENS", []) if "=" in pair
]
# The app's consumer secret: signs webhook CRC answers and verifies deliveries.
SEVA_X_CONSUMER_SECRET = env_str("SEVA_X_CONSUMER_SECRET")
# Webhook CRC checks a client may make per hour (X makes about one an hour; 0 = no limit).
SEVA_X_CRC_RATE_LIMIT = env_int("SEVA_X_CRC_RATE_LIMIT", 60, minimum=0)
SEVA_X_TIMEOUT_SECONDS = env_float("SEVA_X_TIMEOUT_SECONDS", 10.0)
# How often the poller fetches mentions and direct messages, per account.
SEVA_X_POLL_SECONDS = env_float("SEVA_X_POLL_SECONDS", 15.0)
# An account with no successful fetch for this long raises a channel.silent alert.
SEVA_CHANNEL_SILENT_MINUTES = env_int("SEVA_CHANNEL_SILENT_MINUTES", 30, minimum=1)
# How often the command centre's live panels (urgent feed, channel health) refresh, while visible.
SEVA_COMMAND_POLL_SECONDS = env_int("SEVA_COMMAND_POLL_SECONDS", 15, minimum=2)
# Replies per account per 15 minutes (X allows 100 posts per user per 15 minutes).
SEVA_REPLIES_PER_15_MIN = env_int("SEVA_REPLIES_PER_15_MIN", 100, minimum=1)
# How long a worker holds an account it polls or a reply it sends. After a crash the next
# worker takes over once this has passed (a reply is first checked with X).
SEVA_WORKER_LEASE_SECONDS = env_int("SEVA_WORKER_LEASE_SECONDS", 120, minimum=1)

# --- Citizens' pages (tracking, web complaint form) -----------------------------------------
# Behind a reverse proxy: the header it sets to the client's address (e.g. X-Forwarded-For).
# Empty = use the socket's address; never set this without a proxy that overwrites the header.
SEVA_CLIENT_IP_HEADER = env_str("SEVA_CLIENT_IP_HEADER", "")
# Tracking pages (HTML and JSON) a client may open per minute (0 = no limit).
SEVA_TRACK_RATE_LIMIT = env_int("SEVA_TRACK_RATE_LIMIT", 60, minimum=0)
# Complaints a client may send through the web form per hour (0 = no limit).
SEVA_COMPLAIN_RATE_LIMIT = env_int("SEVA_COMPLAIN_RATE_LIMIT", 20, minimum=0)
# Largest web-form request body in bytes; bigger requests get 413 before they are read.
SEVA_COMPLAIN_MAX_BODY_BYTES = env_int("SEVA_COMPLAIN_MAX_BODY_BYTES", 65536, minimum=4096)
# Seconds between showing the form and accepting it (robots send at once; 0 = no minimum).
SEVA_COMPLAIN_MIN_SECONDS = env_int("SEVA_COMPLAIN_MIN_SECONDS", 3, minimum=0)
# --- Open API and webhooks -----------------------------------------------------------------
# Requests per API token (per address before authentication), e.g. 600/min, 50/s, 10000/hour.
SEVA_API_RATE_LIMIT = env_str("SEVA_API_RATE_LIMIT", "600/min")
if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", SEVA_API_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"SEVA_API_RATE_LIMIT must look like 600/min, not {SEVA_API_RATE_LIMIT!r}"
    )
# Webhooks go only to public addresses; these host names, addresses or networks are allowed
# anyway (comma-separated, e.g. partner.intranet.example,10.20.0.0/16). Empty = none.
SEVA_WEBHOOK_ALLOW_HOSTS = env_list("SEVA_WEBHOOK_ALLOW_HOSTS", [])
# Open311's GET requests without a person's token: off, such a caller may only ask for requests
# by id (each counts against SEVA_TRACK_RATE_LIMIT). On, anyone may also list them (never the
# sensitive categories: women's safety, police conduct, and those marked in the admin).
SEVA_OPEN311_PUBLIC_LIST = env_bool("SEVA_OPEN311_PUBLIC_LIST", False)
# Seconds a webhook receiver has to answer before the attempt counts as failed.
SEVA_WEBHOOK_TIMEOUT_SECONDS = env_float("SEVA_WEBHOOK_TIMEOUT_SECONDS", 5.0)
# Attempts per webhook delivery before it is marked dead.
SEVA_WEBHOOK_MAX_ATTEMPTS = env_int("SEVA_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
# Seconds before the first retry of a failed delivery; doubled each attempt (capped at a day).
SEVA_WEBHOOK_BACKOFF_SECONDS = env_float("SEVA_WEBHOOK_BACKOFF_SECONDS", 30.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SEVA_LOG_LEVEL", "INFO")},
    # One line per HTTP request to X is noise at INFO; our workers log what happened.
    "loggers": {
        "httpx": {"level": "WARNING"},
        # Failed sign-ins and lockouts are warnings; each success is in axes' access log.
        "axes": {"level": "WARNING"},
    },
}
