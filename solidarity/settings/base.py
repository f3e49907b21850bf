"""Base settings. Secure by default: DEBUG is off and SECRET_KEY is required unless DEBUG is on.

Optional services switch on only when their variable is set: PostgreSQL (DATABASE_URL),
Redis (REDIS_URL), SMTP (EMAIL_HOST), S3 media (AWS_STORAGE_BUCKET_NAME).
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from solidarity.common.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "solidarity.accounts",
    "solidarity.prisoners",
    "solidarity.godparents",
    "solidarity.matching",
    "solidarity.activity",
    "solidarity.congress",
    "solidarity.writing",
    "solidarity.reports",
    "solidarity.notifications",
    "solidarity.portal",
    "cms",
    "solidarity.demo",
    # Not installed, as nothing here uses them (and each costs start-up time): wagtail.contrib.forms
    # (no form pages), wagtail.contrib.settings (no site settings), wagtail.embeds (no embeds in
    # rich text or blocks).
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_q",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # allauth's security-key page loads its template tags ({% load humanize %}); a tag library
    # only, with no models, so it adds next to nothing to start-up.
    "django.contrib.humanize",
    # Last, so that its ready() runs when start-up is over (it turns garbage collection back on,
    # solidarity/common/apps.py). It has no templates, static files or models to be overridden.
    "solidarity.common",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "solidarity.common.csp.SitePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "solidarity.accounts.middleware.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that the middleware above still runs on a cached page (common/pagecache.py).
    "solidarity.common.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "solidarity.urls"
WSGI_APPLICATION = "solidarity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: an SQLite file by default, PostgreSQL (or any) when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if DATABASE_URL else 0),
        conn_health_checks=bool(DATABASE_URL),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the job cluster share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, else the database (shared between processes,
# which allauth's rate limits need). Redis holds caches only, never the only copy of anything:
# its outage costs misses, never a 500 (common/cache.py, docs/operations.md). While it is down,
# "default" (allauth's rate limits, Wagtail's site lookup, the job cluster's statistics) falls
# back to the database cache table, so sign-in stays rate-limited in a store every machine shares:
# `manage.py createcachetable` is a release step with or without Redis.
REDIS_URL = env_str("REDIS_URL")
REDIS_CACHE_BACKEND = "solidarity.common.cache.ResilientRedisCache"
CACHES: dict[str, dict[str, Any]]
_DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "solidarity_cache",
    # Django's default, 300 entries, would let a flood of sign-in attempts from many addresses
    # cull the counters (and locks) of the account under attack.
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": REDIS_CACHE_BACKEND,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "solidarity",
            "FALLBACK": "database",
        },
        "database": _DATABASE_CACHE,
    }
else:
    CACHES = {"default": _DATABASE_CACHE}
# Whole anonymous public pages (common/pagecache.py) for PAGE_CACHE_SECONDS (0: off), in a cache
# of their own so that a flood of distinct URLs cannot evict the login rate limits in "default".
# No fallback: while Redis is down pages render uncached.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_BUMP_AT_ONCE = False  # True only in tests, which never commit (pagecache.py)
# The public counters and the listing's filter options are computed once per page-cache
# generation (page_cache_memo in common/pagecache.py), even with the page cache off; this bounds
# how long letters, which retire no page, may lag. 0: computed on every render.
PUBLIC_COUNTERS_SECONDS = env_int("PUBLIC_COUNTERS_SECONDS", 300)
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": REDIS_CACHE_BACKEND,
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "solidarity-pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "solidarity_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
# Wagtail looks image renditions up in this cache: without it a profile with a responsive photo
# spends ~50 queries on the database cache. Per process without Redis (renditions rarely change):
# right for one machine; with two or more app servers set REDIS_URL, so that all share one cache.
if REDIS_URL:
    CACHES["renditions"] = {
        "BACKEND": REDIS_CACHE_BACKEND,
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "solidarity-renditions",
    }
else:
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }

# --- Background jobs (django-q2): always the ORM broker on the "default" database, also when
# REDIS_URL is set. Jobs and queued emails are rows in the database: they survive a Redis
# outage or restart (Redis keeps no durable copy of anything here), and enqueueing after a
# commit cannot fail because Redis is down. The workers poll the table; at this site's volume
# (a few jobs a minute) that costs nothing. The cluster's own statistics go to the "default"
# cache.
Q_CLUSTER = {
    "name": "solidarity",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": 600,
    "retry": 720,
    "max_attempts": 5,
    "ack_failures": True,
    "save_limit": 1000,
    "catch_up": False,
    "label": _("Background jobs"),
    "orm": "default",
}
if env_bool("Q_SYNC", default=False):
    Q_CLUSTER["sync"] = True

# --- Authentication
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "solidarity.portal.adapters.AccountAdapter"
ACCOUNT_USER_DISPLAY = "solidarity.portal.adapters.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Solidarity] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# Rate limits (allauth, counted in the shared "default" cache). Per IP limits stay loose enough
# for a congress hall behind one address; per account ("key") limits are what stop guessing a
# password or flooding someone's inbox.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/900s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/180s/key",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Solidarity"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_FORMS = {
    "add_webauthn": "solidarity.accounts.forms.SecurityKeyAddForm",
    "edit_webauthn": "solidarity.accounts.forms.SecurityKeyEditForm",
}
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Email: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Solidarity <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address the contact and privacy pages give when `setup_site` first writes them.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "team@solidarity.test")

# --- Internationalisation: Belarusian, Russian and English, for the UI and for content.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("be", "Беларуская"), ("ru", "Русский")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale/ is ours (makemessages writes there) and wins; then catalogues the project ships for
# packages that have none in Belarusian: allauth's pages (translated by us), and, generated from
# Unicode CLDR by `manage.py vendor_cldr_names`, country names (django-countries) and month and
# weekday names (Django's own are incomplete). The vendor catalogues do not overlap.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale_vendor" / "allauth",
    BASE_DIR / "locale_vendor" / "countries",
    BASE_DIR / "locale_vendor" / "django",
]
# Belarusian date and number formats, which Django does not ship, and two fixes of its own
# (solidarity/formats/: a birthday is "1 мая" in Russian, not "1 Май").
FORMAT_MODULE_PATH = ["solidarity.formats"]
TIME_ZONE = "Europe/Vilnius"
USE_I18N = True
USE_TZ = True

# --- Static files and media. Restricted files (letter scans, internal evidence, reports) live
# in the "private" storage, outside the public media path, served only through checked views.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or BASE_DIR / "private")
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "solidarity.common.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    # Needs the "s3" extra (django-storages). The public bucket is readable by anyone, so private
    # files must live in a bucket of their own, reached only through signed, expiring URLs.
    AWS_PRIVATE_BUCKET_NAME = env_str("AWS_PRIVATE_BUCKET_NAME")
    if AWS_PRIVATE_BUCKET_NAME in ("", AWS_STORAGE_BUCKET_NAME):
        raise ImproperlyConfigured(
            "AWS_PRIVATE_BUCKET_NAME must name a separate, non-public bucket for private files."
        )
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "media", "querystring_auth": False, "file_overwrite": False},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_PRIVATE_BUCKET_NAME,
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail
WAGTAIL_SITE_NAME = "Solidarity"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx", "odt", "docx", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
# Originals are re-encoded without EXIF (GPS!) at upload; see cms/images.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.MetadataFreeImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Translations are created as drafts and go through the review workflow like any page
# (wagtail-localize would otherwise publish them at once when the source page is live).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Staff sign in through allauth like everyone else (verified email, rate limits, MFA), never
# through a second, weaker login form; allauth also owns password resets.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# --- Security: strict by default; relaxed only with DEBUG (local development).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy (django-csp; solidarity/common/csp.py). Strict on every response:
# no inline script or style, nothing from another origin but the public media bucket. Only
# Wagtail's admin gets 'unsafe-inline' (its widgets need it). CSP_REPORT_ONLY=1 sends the same
# policies as Content-Security-Policy-Report-Only, to roll out a change without breaking pages.
_CSP_SELF, _CSP_NONE, _CSP_INLINE = "'self'", "'none'", "'unsafe-inline'"
if AWS_STORAGE_BUCKET_NAME:  # public images come from the bucket, not from this origin
    _endpoint = urlsplit(env_str("AWS_S3_ENDPOINT_URL"))
    _CSP_MEDIA = env_list("CSP_MEDIA_ORIGINS") or [
        f"{_endpoint.scheme}://{_endpoint.netloc}"
        if _endpoint.netloc
        else f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    ]
else:
    _CSP_MEDIA = env_list("CSP_MEDIA_ORIGINS")
CSP_DIRECTIVES: dict[str, list[str]] = {
    "default-src": [_CSP_SELF],
    "script-src": [_CSP_SELF],
    "style-src": [_CSP_SELF],
    "img-src": [_CSP_SELF, "data:", *_CSP_MEDIA],
    "font-src": [_CSP_SELF],
    "connect-src": [_CSP_SELF],
    "object-src": [_CSP_NONE],
    "base-uri": [_CSP_SELF],
    "frame-ancestors": [_CSP_NONE],
    "form-action": [_CSP_SELF],
}
# The admin's previews frame the site itself, and its image editor draws on blob: URLs.
CSP_ADMIN_PREFIXES = ["/admin/"]
CSP_ADMIN_DIRECTIVES: dict[str, list[str]] = {
    "script-src": [_CSP_SELF, _CSP_INLINE],
    "style-src": [_CSP_SELF, _CSP_INLINE],
    "img-src": [_CSP_SELF, "data:", "blob:", *_CSP_MEDIA],
    "font-src": [_CSP_SELF, "data:"],
    "frame-src": [_CSP_SELF],
    "frame-ancestors": [_CSP_SELF],
}
# Staff avatars are never fetched from Gravatar: it would leak a hash of their email to a third
# party and need its origin in img-src.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY")
_CSP_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY = None if CSP_REPORT_ONLY else _CSP_POLICY
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP_POLICY if CSP_REPORT_ONLY else None
# Rate limits key on the client IP: behind N proxies it is the N-th address from the right of
# X-Forwarded-For (the part the client cannot forge), never the whole header.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if BEHIND_PROXY and ALLAUTH_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("BEHIND_PROXY=1 needs TRUSTED_PROXY_COUNT >= 1.")

ADMINS = [("Admins", email) for email in env_list("ADMIN_EMAILS")]
# Error reports (mails to ADMINS, debug pages) never include form data or local variables:
# a failure while saving restricted information must not mail health or family details.
DEFAULT_EXCEPTION_REPORTER_FILTER = "solidarity.common.errors.RestrictedDataReporterFilter"

# --- Logging: to stderr; restricted data never passes through log calls (docs/architecture.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO, and its warnings quote the report's text.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
