"""Abuse resistance in one place: every route that changes something draws on one named budget, counted
per account (or per address for the log-in pages), with lower budgets for new accounts; and a cap on the links
a new account may put in one post. A test walks the URL map and fails for a state-changing route without
a budget.

Budgets (settings `INNOVEX_RATELIMIT_<NAME>`):
- post: content others read (organisations, offers, projects, updates, feedback, calls, impulses)
- message: what sends mail or notices to other people (invitations, join requests, claims, interest)
- report: reports to the moderators
- suggestion: suggested corrections to other organisations' profiles
- action: everything else that changes state (follow, helpful, decisions, settings, deletions)
- login, register, reset, account_delete: the password pages, per address
- claim_mail, personal_data, search, csp_report: single routes with budgets of their own
- picker: the suggestions form fields fetch while someone types (GET, per account or address)
- totp: two-factor codes (the login's second step, setting it up, switching it off), per address
- login_account, reset_account, totp_account: failed logins, reset mails and wrong two-factor codes per
  account, whatever the address (below)
"""

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta

from flask import current_app, request
from flask_babel import ngettext
from flask_limiter.util import get_remote_address
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from limits import parse_many

from innovex.domain import DomainError
from innovex.extensions import limiter
from innovex.models.base import utcnow
from innovex.text import render_markdown

_ANCHOR = re.compile(r"<a\s.*?</a>", re.IGNORECASE | re.DOTALL)
# Addresses the linkifier leaves as text (unknown top-level domains) are still links to a spammer's reader.
_BARE_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<]+", re.IGNORECASE)


def user_key() -> str:
    """Count per account when logged in (switching addresses does not help), per address otherwise."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def is_new_account(user) -> bool:
    """Accounts younger than NEW_ACCOUNT_DAYS get the lower limits; anonymous visitors count as new."""
    if user is None or not getattr(user, "is_authenticated", False) or user.created_at is None:
        return True
    return user.created_at > utcnow() - timedelta(days=current_app.config["NEW_ACCOUNT_DAYS"])


# Budgets with a lower limit for new accounts: both apply, so a new account never gets more than an old one.
_WITH_NEW_ACCOUNT_LIMIT = {"post", "report", "message", "suggestion"}
# Budgets counted per address: the pages used before there is an account (or to get into one).
_PER_ADDRESS = {"login", "register", "reset", "account_delete", "search", "csp_report", "totp"}
BUDGETS = (
    _WITH_NEW_ACCOUNT_LIMIT
    | _PER_ADDRESS
    | {"action", "claim_mail", "personal_data", "verify_mail", "picker"}
)


def limit_for(budget: str) -> str:
    """The limit string of one budget for the current user."""
    config = current_app.config
    normal = config[f"RATELIMIT_{budget.upper()}"]
    if budget in _WITH_NEW_ACCOUNT_LIMIT and is_new_account(current_user):
        return f"{normal};{config[f'RATELIMIT_NEW_ACCOUNT_{budget.upper()}']}"
    return normal


def limited(budget: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Decorate a view to draw on `budget` (one counter per user and budget, shared by all its routes)
    for the given methods; reading a form is free unless GET is named."""
    if budget not in BUDGETS:
        raise ValueError(f"unknown abuse budget {budget!r}")
    key = get_remote_address if budget in _PER_ADDRESS else user_key
    shared = limiter.shared_limit(
        lambda: limit_for(budget), scope=budget, key_func=key, methods=list(methods)
    )

    def decorate(view: Callable) -> Callable:
        wrapped = shared(view)
        wrapped.abuse_budget = budget
        return wrapped

    return decorate


post_limit = limited("post")
report_limit = limited("report")
message_limit = limited("message")
action_limit = limited("action")
suggestion_limit = limited("suggestion")


def count_links(*texts: str | None) -> int:
    """Links as the text will be shown (Markdown links, autolinks, linkified addresses), plus web addresses
    left as plain text; code spans count too, since readers copy them just as well."""
    total = 0
    for text in texts:
        if text:
            html = str(render_markdown(text))
            anchors = len(_ANCHOR.findall(html))
            total += anchors + len(_BARE_URL.findall(_ANCHOR.sub(" ", html)))
    return total


def check_links(user, *texts: str | None, field: str | None = "body") -> None:
    """Refuse a post of a new account with more than NEW_ACCOUNT_MAX_LINKS links (all its texts together)."""
    if not is_new_account(user):
        return
    allowed = current_app.config["NEW_ACCOUNT_MAX_LINKS"]
    if count_links(*texts) > allowed:
        raise DomainError(
            ngettext(
                "New accounts may put at most %(num)d link in a post. Please remove some links.",
                "New accounts may put at most %(num)d links in a post. Please remove some links.",
                allowed,
            ),
            field=field,
        )


# Per account, whatever the address: failed logins, reset mails, wrong two-factor codes. -----------------
#
# An attacker spreading guesses over many addresses is slowed down for the account they guess at; that must
# not become a way to lock its owner out, so a browser that has logged in to the account before (it holds a
# signed "known device" cookie) is not counted against it, and the limits slow down, they do not block long.

DEVICE_COOKIE = "innovex_device"
DEVICE_COOKIE_DAYS = 365


# Budgets a known browser does not count against, so that a guesser cannot lock the owner out.
_DEVICE_EXEMPT = {"login", "totp"}


def _account_key(email: str) -> str:
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:32]
    return f"account:{digest}"


def _device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="innovex.known-device")


def known_device(email: str) -> bool:
    """Whether this browser has logged in to the account with this email address before."""
    cookie = request.cookies.get(DEVICE_COOKIE)
    if not cookie:
        return False
    try:
        keys = _device_serializer().loads(cookie)
    except BadSignature:
        return False
    return isinstance(keys, list) and _account_key(email) in keys


def remember_device(response, email: str):
    """After a successful login: mark this browser as known for the account (up to five accounts)."""
    keys = []
    if cookie := request.cookies.get(DEVICE_COOKIE):
        try:
            keys = [k for k in _device_serializer().loads(cookie) if isinstance(k, str)]
        except (BadSignature, TypeError):
            keys = []
    keys = [_account_key(email), *[k for k in keys if k != _account_key(email)]][:5]
    response.set_cookie(
        DEVICE_COOKIE,
        _device_serializer().dumps(keys),
        max_age=DEVICE_COOKIE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def _account_limits(budget: str) -> list:
    return list(parse_many(current_app.config[f"RATELIMIT_{budget.upper()}_ACCOUNT"]))


def account_allows(budget: str, email: str) -> bool:
    """Whether the account's budget ("login" failures, "reset" mails, wrong "totp" codes) has room; counts
    nothing."""
    if not limiter.enabled or (budget in _DEVICE_EXEMPT and known_device(email)):
        return True
    return all(limiter.limiter.test(item, budget, _account_key(email)) for item in _account_limits(budget))


def account_hit(budget: str, email: str) -> None:
    """Count one failed login, reset mail or wrong code against the account."""
    if not limiter.enabled or (budget in _DEVICE_EXEMPT and known_device(email)):
        return
    for item in _account_limits(budget):
        limiter.limiter.hit(item, budget, _account_key(email))
