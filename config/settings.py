"""One settings module, driven by the environment (healthchecks' way).

Embedded default (nothing set): SQLite, Celery tasks run eagerly in-process,
e-mails printed on the console, DEBUG on. Production shape: set
DJANGO_DEBUG=false, DJANGO_SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL,
DJANGO_ALLOWED_HOSTS (see .env.example). Invalid values fail at start-up.
"""

import ipaddress
import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
_DEV_SECRET = "insecure-dev-only-secret-key-do-not-use-in-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", default=_DEV_SECRET if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "ninja",  # serves the API docs' JavaScript and CSS from our own origin (no CDN)
    "checklists",
    "partnerships",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partnerships.language.RememberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle sessions end; authenticated pages carry Cache-Control: no-store.
    "partnerships.middleware.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees failed logins from every view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "partnerships.context_processors.membership",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves concurrent requests (threaded runserver: an htmx autosave and a full save
    # of the same step at once). WAL lets readers run beside the writer; IMMEDIATE transactions take the
    # write lock when they begin, so two never deadlock upgrading a read lock ("database is locked"); the
    # busy timeout makes a writer wait its turn instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=env.int("SQLITE_BUSY_TIMEOUT", default=20),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
    # Indexes' INCLUDE columns are PostgreSQL's index-only reads; SQLite builds the same index without them.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# django-environ makes a redis:// (or rediss://) CACHE_URL a django-redis cache, as django-redis is installed.
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    # Redis down costs speed, not pages: the cache then acts as an empty one (reads miss, writes are dropped)
    # and a lost host must not hang requests either (1 s timeouts). Sessions and the guide's data come from the
    # database meanwhile; each failure is logged (DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS). Not ignored by django-redis
    # (7.0): touch(), ttl(), expire() — the app calls none of them.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        IGNORE_EXCEPTIONS=True, SOCKET_CONNECT_TIMEOUT=1, SOCKET_TIMEOUT=1
    )
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Fragments of pages that depend on nothing but the code, the language and the settings (the layout's links,
# the privacy page's text): kept in each process, in memory, under keys naming what they vary on. Nothing in
# them belongs to a user, and a release restarts the processes, so nothing there is ever stale.
CACHES["static_text"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "static-text",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Sessions read from the shared cache (Redis in production), written through to the database: the session
# query leaves every page. The local-memory cache is one per process, so sessions stay in the database there.
_SHARED_CACHE = "locmem" not in CACHES["default"]["BACKEND"].lower()
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if _SHARED_CACHE else "db")

AUTH_USER_MODEL = "partnerships.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "partnerships.backends.MemberBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# An invitation link opens the sign-up form this many days after it was (re-)sent; admins re-send from Members.
INVITATION_LIFETIME_DAYS = env.int("INVITATION_LIFETIME_DAYS", default=14)
# A session idle this long (seconds) is logged out at its next request: 8 hours, one working day, for
# everyone — pharma members read confidential dossiers, and startups share machines in incubators too.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=8 * 3600)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (partnerships/login_throttle.py): 5 failures lock the username+address pair for an hour;
# 20 failures from one address across all user names lock the address (password spraying).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=20)
if AXES_IP_FAILURE_LIMIT < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured("AXES_IP_FAILURE_LIMIT must be at least AXES_FAILURE_LIMIT.")
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "partnerships.login_throttle.LoginThrottleHandler"
# The client's address is read from X-Forwarded-For behind this many trusted proxies, and from the connection
# without one. Production runs behind exactly one TLS-terminating proxy (docker-compose.yml: caddy).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0 if DEBUG else 1)
AXES_CLIENT_IP_CALLABLE = "partnerships.network.client_ip"
AXES_LOCKOUT_TEMPLATE = "429.html"
# The login form posts the e-mail address as "username" (AuthenticationForm); without this axes would look
# for an "email" key, record every failure under no name and let the right password through a lockout.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# /health/ says which component is down to anyone, and why (the exception's class) only to staff and to
# requests from these networks (client address as above): the machine itself and the deployment's own.
HEALTH_DETAIL_NETWORKS = env.list("HEALTH_DETAIL_NETWORKS", default=["127.0.0.0/8", "::1/128"])
for _network in HEALTH_DETAIL_NETWORKS:
    ipaddress.ip_network(_network)  # a typo fails at start-up, not at the first health check
# Login history (axes' rows: address, browser, times) is kept this many days, then purged by beat every day.
LOGIN_HISTORY_RETENTION_DAYS = env.int("LOGIN_HISTORY_RETENTION_DAYS", default=90)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Development and tests serve static files straight from the finders; production serves collectstatic output.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    # Reports are private: they are served by a permission-checking view, never from MEDIA_URL.
    "default": {"BACKEND": env("DJANGO_DEFAULT_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Partnership readiness <no-reply@localhost>")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: without a broker, tasks run eagerly in-process (same code path).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request must not hang when Redis is down: fail fast and tell the user.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "socket_timeout": 2,
    # A message taken by a worker that died goes back to the queue after this long (Redis's default is an hour):
    # just above the longest a task may run (hard time limit; e-mail retries wait at most 60 s).
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 30,
}

# PDF reports: a report still queued or rendering after REPORTS_STALE_AFTER seconds lost its worker
# (well above the render task's 90 s hard time limit); beat marks it failed every few minutes.
REPORTS_STALE_AFTER = env.int("REPORTS_STALE_AFTER", default=600)
REPORTS_MAX_ATTEMPTS = env.int("REPORTS_MAX_ATTEMPTS", default=5)
# A worker starts a queued report within seconds; after REPORTS_QUEUE_PATIENCE seconds still queued, its page says
# the workers may be stopped (the sweep that fails stale jobs is itself run by a worker).
REPORTS_QUEUE_PATIENCE = env.int("REPORTS_QUEUE_PATIENCE", default=120)
# Render a snapshot's report in the background as soon as it is submitted (in the submitter's language). On by
# default with a broker; off in the embedded mode, where "background" would be the submitting request itself.
REPORTS_PRERENDER = env.bool("REPORTS_PRERENDER", default=bool(CELERY_BROKER_URL))
# While rendering, the worker stamps the report every REPORTS_HEARTBEAT_SECONDS; a report rendering with no stamp
# for REPORTS_HEARTBEAT_STALE seconds lost its worker: beat fails it (every 30 s) and "Render it again" starts a
# new job at once. Worst case from a worker's death to a failed report: 10 + 45 + 30 s, under 2 minutes.
REPORTS_HEARTBEAT_SECONDS = env.float("REPORTS_HEARTBEAT_SECONDS", default=10.0)
REPORTS_HEARTBEAT_STALE = env.int("REPORTS_HEARTBEAT_STALE", default=45)
CELERY_BEAT_SCHEDULE = {
    "fail-stale-reports": {"task": "partnerships.fail_stale_reports", "schedule": 30.0},
    "purge-login-history": {"task": "partnerships.purge_login_history", "schedule": 24 * 3600.0},
    "partnership-reminders-and-alerts": {"task": "partnerships.partnership_daily", "schedule": 3600.0},
}

# JSON API: requests per token and period ("120/min", "2000/hour"), counted in the shared cache; past it, 429.
API_RATE_LIMIT = env("API_RATE_LIMIT", default="120/min")
if not re.fullmatch(r"\d+/(s|sec|m|min|h|hour|d|day)", API_RATE_LIMIT):
    raise ImproperlyConfigured("API_RATE_LIMIT must look like 120/min.")

# Peer benchmark: a cohort (same maturity stage, same business model) is stored and shown only with at least
# this many organisations, so that no figure describes one startup.
BENCHMARK_MIN_COHORT = env.int("BENCHMARK_MIN_COHORT", default=10)
if BENCHMARK_MIN_COHORT < 2:
    raise ImproperlyConfigured("BENCHMARK_MIN_COHORT must be at least 2.")

# Content-Security-Policy: no inline script anywhere; everything served locally.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # The health check answers over plain HTTP too: a container or load-balancer probe calls gunicorn directly,
    # without the proxy's X-Forwarded-Proto (it says which component is down, nothing about any user).
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True  # like every cookie of the site: never sent over plain HTTP
    LANGUAGE_COOKIE_SAMESITE = "Lax"
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
    # A worker logs at INFO (compose): WeasyPrint would add some 25 "Step N" lines to every report rendered.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
