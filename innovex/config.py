"""Default settings; every one can be overridden from the environment as INNOVEX_<NAME>."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

# Environment variables that do not map one-to-one onto a Flask setting name.
RENAMED = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "RATELIMIT_STORAGE_URL": "RATELIMIT_STORAGE_URI",
}


class DefaultConfig:
    PRODUCTION = False  # set by INNOVEX_PRODUCTION; ProductionConfig below holds what it switches on
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None  # default: sqlite in the instance folder
    INDEX_DIR: str | None = None  # default: instance/index
    LANGUAGES = ("de", "en")
    BABEL_DEFAULT_LOCALE = "de"
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    BABEL_DOMAIN = "messages"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    # Login sessions (innovex.auth.sessions) end after this long without a request, and at the latest after
    # the absolute lifetime; "remember me" allows a longer idle time (its cookie lasts the absolute lifetime).
    SESSION_IDLE_LIFETIME = timedelta(hours=12)
    SESSION_REMEMBER_IDLE_LIFETIME = timedelta(days=14)
    SESSION_ABSOLUTE_LIFETIME = timedelta(days=30)
    HSTS = False  # send Strict-Transport-Security; switch on behind TLS in production
    PREFERRED_URL_SCHEME = "http"
    SERVER_NAME: str | None = None
    BASE_URL = "http://localhost:5000"  # how mails sent outside a request (digests, reminders) link back
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024

    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session

    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # A moving window counts the last N seconds, so no burst of twice the limit across a window boundary
    # (and tests near a minute boundary behave like any other).
    RATELIMIT_STRATEGY = "moving-window"
    # The budgets of innovex.abuse, one per kind of action (per account; the password pages per address).
    RATELIMIT_POST = "20 per minute;200 per hour"
    RATELIMIT_MESSAGE = "10 per minute;100 per day"  # expressions of interest, invitations, requests
    RATELIMIT_REPORT = "10 per minute;50 per day"
    RATELIMIT_ACTION = "60 per minute;1000 per hour"  # follow, helpful, decisions, settings, deletions
    RATELIMIT_LOGIN = "10 per minute;50 per hour"
    RATELIMIT_REGISTER = "5 per minute;30 per hour"
    RATELIMIT_RESET = "5 per minute;20 per hour"
    # Per account from any address: failed logins (not counted for a browser that logged in to it before) and
    # reset mails; they slow a guesser down without locking the owner out.
    RATELIMIT_LOGIN_ACCOUNT = "5 per minute;30 per hour"
    RATELIMIT_RESET_ACCOUNT = "3 per hour;10 per day"
    # Codes of two-factor login (the login's second step, setting it up and switching it off): per address,
    # and wrong codes per account (not counted for a browser that logged in to it before).
    RATELIMIT_TOTP = "10 per minute;50 per hour"
    RATELIMIT_TOTP_ACCOUNT = "5 per minute;30 per hour"
    RATELIMIT_ACCOUNT_DELETE = "10 per minute;50 per hour"  # asks for the password, like logging in
    RATELIMIT_CLAIM_MAIL = "3 per minute;10 per day"  # mails to an organisation's domain address
    RATELIMIT_PERSONAL_DATA = "10 per hour"  # downloads of everything we hold about a member
    RATELIMIT_VERIFY_MAIL = "3 per hour;10 per day"  # confirmation links sent again, per account
    RATELIMIT_SEARCH = "60 per minute;1000 per hour"
    RATELIMIT_PICKER = "120 per minute;2000 per hour"  # suggestions while typing in a picker field
    RATELIMIT_CSP_REPORT = "20 per minute;200 per day"  # browsers' reports of blocked content, per address
    NEW_ACCOUNT_DAYS = 7  # accounts younger than this get the lower limits below as well
    NEW_ACCOUNT_MAX_LINKS = 2  # links per post from a new account
    RATELIMIT_NEW_ACCOUNT_POST = "5 per minute;30 per day"
    RATELIMIT_NEW_ACCOUNT_REPORT = "3 per minute;10 per day"
    RATELIMIT_NEW_ACCOUNT_MESSAGE = "2 per minute;10 per day"
    RATELIMIT_SUGGESTION = "5 per minute;30 per day"  # suggested corrections to others' profiles
    RATELIMIT_NEW_ACCOUNT_SUGGESTION = "2 per minute;5 per day"
    SUGGESTION_CONFIRM_DAYS = (
        14  # after this, a second member may confirm a suggestion to an ownerless profile
    )

    MAIL_SERVER: str | None = None  # without it, mails go to the log and instance/outbox/
    MAIL_PORT = 587
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_USE_TLS = True  # STARTTLS on a plain connection (port 587)
    MAIL_USE_SSL = False  # SMTPS: TLS from the start (port 465); wins over MAIL_USE_TLS
    MAIL_TLS_CA_FILE = ""  # a CA bundle for a relay with certificates of its own; else the system's
    MAIL_TIMEOUT = 20  # seconds
    MAIL_SENDER = "innovex <noreply@innovex.invalid>"
    PASSWORD_RESET_MAX_AGE = 3600  # seconds
    EMAIL_VERIFY_MAX_AGE = 3 * 24 * 3600  # seconds a confirmation link for an email address stays valid
    # Two-factor login (innovex.auth.two_factor): moderators and admins must switch it on before moderation
    # and admin pages open; the login's second step must follow the password within TWO_FACTOR_LOGIN_MAX_AGE.
    REQUIRE_2FA_FOR_STAFF = True
    TWO_FACTOR_LOGIN_MAX_AGE = 300  # seconds

    PAGE_SIZE = 20
    FEEDBACK_MAX_DEPTH = 4
    FEEDBACK_PAGE_DEPTH: int | None = None  # levels shown on one page before "continue this thread"
    FEEDBACK_MAX_LENGTH = 20_000

    # Aggregates computed once per change (innovex.cache): in Redis when set (redis://host:6379/0), shared by
    # every process and host; otherwise in each process's memory. Values also expire after CACHE_SECONDS.
    CACHE_URL: str | None = None
    CACHE_SECONDS = 300
    # Visitors' pages rendered once per change and shared (innovex.page_cache); members always see live pages.
    PAGE_CACHE = True
    PAGE_CACHE_SECONDS = 60  # at most, for what changes with the clock alone ("upcoming", freshness)

    # Map and open data (innovex.map, innovex.api); MAP_TILE_HOSTS is allowed as image source by the CSP.
    MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    MAP_TILE_ATTRIBUTION = (  # HTML, shown by Leaflet in the map corner
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    MAP_TILE_HOSTS = "https://tile.openstreetmap.org"
    MAP_VIEWPORT_POINTS = 500  # more points than this in the visible area come as clusters counted in SQL
    DATA_LICENSE = "CC BY 4.0"
    DATA_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
    DATA_ATTRIBUTION = "innovex contributors"
    API_MAX_PER_PAGE = 100
    # Geocoding of profiles without a picked point (innovex.geocoding): a Nominatim-compatible server
    # (e.g. https://nominatim.openstreetmap.org; empty = off), asked at most once a second, with a User-Agent
    # that names the operator (default: from BASE_URL and OPERATOR_EMAIL); else the city centre from the
    # packaged GeoNames towns of at least GEOCODER_GAZETTEER_POPULATION inhabitants (500, 1000, 5000, 15000).
    GEOCODER_URL = ""
    GEOCODER_USER_AGENT = ""
    GEOCODER_TIMEOUT = 5.0  # seconds for one answer
    GEOCODER_MAX_WAIT = 2.0  # seconds a saving profile waits for the geocoder's turn before the fallback
    GEOCODER_GAZETTEER_POPULATION = 1000
    # Freshness of profiles (innovex.datacoop): remind owners after a year, mark stale after 15 months.
    FRESHNESS_REMIND_DAYS = 365
    FRESHNESS_STALE_DAYS = 456
    FRESHNESS_REMIND_AGAIN_DAYS = 30
    CONFIRM_LINK_MAX_AGE = 60 * 60 * 24 * 30  # seconds an emailed "still correct" link stays valid
    # Search and matching (innovex.search, innovex.matching).
    SEARCH_ENGINE: str | None = None  # whoosh or postgres; default: postgres on PostgreSQL, else whoosh
    SEARCH_DRAIN = "background"  # how committed changes reach the index: background, request or worker
    SEARCH_DRAIN_RETRY = 5.0  # seconds between a background drain's retries while rows are left
    SEARCH_WRITER_TIMEOUT = 2.0  # seconds a request waits for the index lock before leaving work to the next
    SEARCH_MAX_SEGMENTS = 20  # optimise the index when more segments than this have piled up
    SEARCH_MAX_QUERY_LENGTH = 200  # characters of a query that are parsed; the rest is ignored
    SEARCH_MAX_HITS = 300  # hits per query that are checked against the database, counted and paged
    SEARCH_SYNC_REBUILD_LIMIT = 2000  # a missing index with fewer rows is rebuilt inside the request
    # Whoosh: seconds after which the index consuming the outbox counts as gone and another may take over
    SEARCH_HOLDER_STALE = 600.0
    MATCH_CANDIDATES = 60  # organisations scored for structured fit per project
    # Moderation (innovex.moderation).
    REPORT_AUTO_HIDE_THRESHOLD = 3  # distinct members whose reports hide content pending review
    SUSPENSION_REASON_MIN_LENGTH = 15
    # The data cooperative (innovex.governance): defaults until admins or a vote store a network setting.
    GOVERNANCE_QUORUM = 0.25  # share of member organisations that must vote for a decision to count
    GOVERNANCE_MAJORITY = 0.5  # share of yes among yes and no that must be exceeded to pass
    GOVERNANCE_VOTING_DAYS = 14  # default length of a voting window
    # Calls for collaboration (innovex.calls): submissions each member organisation may support per call.
    CALL_SUPPORTS_PER_ORG = 3
    # Interest subscriptions (innovex.subscriptions): how many a member may keep, items per kind in a digest.
    SUBSCRIPTIONS_MAX = 10
    SUBSCRIPTION_DIGEST_ITEMS = 30
    # Operations (innovex.health, innovex.logs).
    PROXY_FIX = 0  # trusted proxies in front of the app that set X-Forwarded-*; 0 trusts none
    LOG_LEVEL = "INFO"
    LOG_FORMAT = "text"  # or "json": one object per line
    HEALTH_OUTBOX_MAX_AGE = 300  # seconds the oldest pending search change may wait before /healthz fails
    # Who runs this site, for the Impressum and the privacy notice (innovex.main.legal); empty = not set.
    OPERATOR_NAME = ""
    OPERATOR_ADDRESS = ""  # several lines: newlines, or "\\n" in an environment variable
    OPERATOR_EMAIL = ""
    OPERATOR_PHONE = ""
    OPERATOR_REPRESENTATIVE = ""  # who represents the operator, e.g. the board of the eG
    OPERATOR_REGISTER = ""  # e.g. "Genossenschaftsregister Amtsgericht Leipzig, GnR 123"
    OPERATOR_VAT_ID = ""
    PRIVACY_CONTACT = ""  # who answers data protection questions; the operator's email when empty


class ProductionConfig(DefaultConfig):
    PRODUCTION = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True
    PREFERRED_URL_SCHEME = "https"


class ConfigError(RuntimeError):
    """A setting from the environment that cannot be read; start-up stops with the variable's name."""


# Settings that take one of a few words; anything else stops start-up with the variable's name.
CHOICES = {
    "SEARCH_DRAIN": ("background", "request", "worker"),
    "LOG_FORMAT": ("text", "json"),
    "SEARCH_ENGINE": ("whoosh", "postgres"),
    "GEOCODER_GAZETTEER_POPULATION": (500, 1000, 5000, 15000),
}
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
# Counts and time spans where a negative value has no meaning.
NOT_NEGATIVE = {
    "CALL_SUPPORTS_PER_ORG",
    "SUBSCRIPTIONS_MAX",
    "SUBSCRIPTION_DIGEST_ITEMS",
    "GEOCODER_TIMEOUT",
    "GEOCODER_MAX_WAIT",
    "SEARCH_HOLDER_STALE",
}


def parse_value(raw: str, default: object) -> object:
    """Parse an environment string by the type of the default; ValueError when it does not fit."""
    text = raw.strip()
    if isinstance(default, bool):
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        raise ValueError("expected a boolean (1/0, true/false, yes/no, on/off)")
    if isinstance(default, timedelta):
        return timedelta(seconds=float(text))
    if isinstance(default, int):
        return int(text)
    if isinstance(default, float):
        return float(text)
    return raw


def load_environment(config: dict, prefix: str = "INNOVEX_") -> None:
    """Copy INNOVEX_* variables into the config, parsed by the type of the default (time spans in seconds)."""
    for key, raw in os.environ.items():
        if not key.startswith(prefix):
            continue
        name = key.removeprefix(prefix)
        name = RENAMED.get(name, name)
        try:
            config[name] = parse_value(raw, config.get(name))
            if name in CHOICES and config[name] not in CHOICES[name]:
                raise ValueError(f"expected one of {', '.join(map(str, CHOICES[name]))}")
            if name in NOT_NEGATIVE and config[name] < 0:
                raise ValueError("expected a number of 0 or more")
        except (ValueError, OverflowError) as error:
            raise ConfigError(f"{key}={raw!r} is not valid: {error}") from None


def instance_defaults(config: dict, instance_path: str) -> None:
    """Fill in the settings that live in the instance folder: database, index, secret key."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)  # the default SQLite file and the index live here
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'innovex.sqlite'}"
    if not config.get("INDEX_DIR"):
        config["INDEX_DIR"] = str(instance / "index")
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _shared_secret_key(instance / "secret_key")
    config["SEARCH_ENGINE"] = search_engine(config)


def search_engine(config: dict) -> str:
    """The search engine to use: the setting, else PostgreSQL full-text search on a PostgreSQL database and
    Whoosh otherwise; ConfigError for an unknown engine, or PostgreSQL search on another database."""
    url = str(config.get("SQLALCHEMY_DATABASE_URI") or "")
    on_postgres = url.startswith(("postgresql", "postgres:"))
    engine = config.get("SEARCH_ENGINE") or ("postgres" if on_postgres else "whoosh")
    if engine not in CHOICES["SEARCH_ENGINE"]:
        raise ConfigError(f"INNOVEX_SEARCH_ENGINE={engine!r} is not valid: expected whoosh or postgres")
    if engine == "postgres" and not on_postgres:
        raise ConfigError(
            "INNOVEX_SEARCH_ENGINE=postgres needs a PostgreSQL database (INNOVEX_DATABASE_URL="
            "postgresql+psycopg://…); use INNOVEX_SEARCH_ENGINE=whoosh with SQLite"
        )
    return engine


def _shared_secret_key(path: Path) -> str:
    """Read the generated key, creating it once so that every server process signs with the same key."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its key
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
