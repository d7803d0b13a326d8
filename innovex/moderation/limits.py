"""Abuse resistance: per-user rate limits on posting, reporting and messaging, lower ones for new accounts,
and a cap on the links a new account may put in one post."""

import re
from datetime import timedelta

from flask import current_app
from flask_babel import ngettext
from flask_limiter.util import get_remote_address
from flask_login import current_user

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


def _limit_for(kind: str) -> str:
    """The limit string for one kind of action: the normal one, plus the new-account one for new accounts
    (both apply, so that a new account is never allowed more than an old one whatever the settings say)."""
    config = current_app.config
    normal = config[f"RATELIMIT_{kind}"]
    if is_new_account(current_user):
        return f"{normal};{config[f'RATELIMIT_NEW_ACCOUNT_{kind}']}"
    return normal


def posting_limit() -> str:
    return _limit_for("POST")


def reporting_limit() -> str:
    return _limit_for("REPORT")


def messaging_limit() -> str:
    return _limit_for("MESSAGE")


# One budget per user and kind, shared by all routes of that kind (posting feedback does not reset the
# budget for posting projects). Only POSTs count; reading the forms is free.
post_limit = limiter.shared_limit(posting_limit, scope="post", key_func=user_key, methods=["POST"])
report_limit = limiter.shared_limit(reporting_limit, scope="report", key_func=user_key, methods=["POST"])
message_limit = limiter.shared_limit(messaging_limit, scope="message", key_func=user_key, methods=["POST"])


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
