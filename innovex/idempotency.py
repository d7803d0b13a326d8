"""Forms that create something count once: a submission repeated with the same one-time token (a browser's
retry after a dropped connection, a double click, the back button and "send again") leads to what the first
one created instead of creating it twice.

The form carries a random token (`OnceForm`); the view asks `repeated(form)` before it creates anything and
calls `done(form, url)` before its commit. The token is claimed by a row unique per user, written in the same
transaction as what the form creates: two copies of one submission racing each other cannot both commit, a
submission that failed leaves no claim behind, and one whose answer never reached the client (a worker killed
after the commit) is found by its retry.

    if (earlier := idempotency.repeated(form)) is not None:
        return redirect(earlier, 303)
    item = services.create_...(...)
    idempotency.done(form, url_for(...))
    db.session.commit()
"""

import re
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import g, request
from flask_login import current_user
from wtforms import HiddenField

from innovex.database import insert_once
from innovex.extensions import db
from innovex.models import FormSubmission
from innovex.models.base import utcnow

# Claims are needed while a retry may still come; a day is far beyond any browser's retry.
KEPT_FOR = timedelta(days=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CLAIM = "innovex.form_submission"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OnceForm:
    """Mixin for a FlaskForm that creates something: a hidden one-time token, rendered by `hidden_tag()`."""

    submission = HiddenField(default=new_token)


def repeated(form) -> str | None:
    """The address to send a repeated submission to (what its first copy led to), or None: then the token is
    claimed for this submission, in the current transaction. A form without a valid token is not protected."""
    token = form.submission.data or ""
    if not _TOKEN.match(token) or not current_user.is_authenticated:
        return None
    db.session.execute(
        sa.delete(FormSubmission).where(
            FormSubmission.user_id == current_user.id, FormSubmission.created_at < utcnow() - KEPT_FOR
        )
    )
    claim = FormSubmission(user_id=current_user.id, token=token)
    if not insert_once(claim):
        earlier = db.session.scalar(
            sa.select(FormSubmission).where(
                FormSubmission.user_id == current_user.id, FormSubmission.token == token
            )
        )
        return (earlier.url if earlier is not None else None) or request.path
    g.setdefault(_CLAIM, {})[id(form)] = claim
    return None


def done(form, url: str) -> None:
    """Remember where this submission led, for a repetition of it; call before the commit."""
    claim = g.get(_CLAIM, {}).get(id(form))
    if claim is not None:
        claim.url = url[:500]
