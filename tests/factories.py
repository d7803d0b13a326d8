"""Factory helpers that create real rows with sensible defaults, a login helper, and a statement counter."""

import itertools
from contextlib import contextmanager

import pyotp
import sqlalchemy as sa

from innovex.auth.sessions import open_login_session
from innovex.extensions import db
from innovex.models import Actor, Membership, Offering, User
from innovex.models.base import utcnow
from innovex.normalise import name_key, slugify
from innovex.taxonomy import get_or_create_tags

PASSWORD = "correct horse battery staple"
# The TOTP secret of factory accounts with two-factor login; pyotp.TOTP(TOTP_SECRET).now() is a valid code.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_counter = itertools.count(1)


def make_user(
    email=None, *, display_name=None, role="member", password=PASSWORD, two_factor=None, **fields
) -> User:
    """A confirmed account; moderators and admins have two-factor login on unless `two_factor=False`
    (REQUIRE_2FA_FOR_STAFF would send them to set it up), members only with `two_factor=True`."""
    n = next(_counter)
    if two_factor is None:
        two_factor = role in ("moderator", "admin")
    if two_factor:
        fields = {"totp_secret": TOTP_SECRET, "totp_enabled_at": utcnow(), **fields}
    user = User(
        email=email or f"user{n}@example.org",
        display_name=display_name or f"User {n}",
        handle=fields.pop("handle", f"user{n}"),
        role=role,
        **{"email_verified_at": utcnow(), **fields},  # confirmed unless a test says otherwise
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def make_actor(name=None, *, owner=None, editors=(), members=(), **fields) -> Actor:
    n = next(_counter)
    name = name or f"Genossenschaft {n}"
    fields.setdefault("kind", "cooperative")
    fields.setdefault("city", "Berlin")
    fields.setdefault("country", "DE")
    actor = Actor(
        name=name, name_key=name_key(name), slug=fields.pop("slug", f"{slugify(name)}-{n}"), **fields
    )
    db.session.add(actor)
    for user, role in (
        [(owner, "owner")] + [(u, "editor") for u in editors] + [(u, "member") for u in members]
    ):
        if user is not None:
            db.session.add(Membership(user=user, actor=actor, role=role))
    db.session.commit()
    return actor


def make_offering(actor, *, kind="offer", title=None, tags=(), **fields) -> Offering:
    n = next(_counter)
    tag_rows = get_or_create_tags(list(tags))  # before the offering joins the actor's list (autoflush)
    offering = Offering(actor=actor, kind=kind, title=title or f"Angebot {n}", tags=tag_rows, **fields)
    db.session.add(offering)
    db.session.commit()
    return offering


def session_token(user) -> str:
    """A new login session of the user, committed (past the second factor if the user has one switched on);
    its token, for the session cookie's "_user_id"."""
    _record, token = open_login_session(user, two_factor=user.two_factor_enabled)
    db.session.commit()
    return token


def login_as(client, user) -> None:
    """Log in by writing the Flask-Login session (independent of the auth views); None logs out. (The next
    request forgets any user cached in `g`: the test client starts every request with a fresh `g`.)"""
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = session_token(user)
            session["_fresh"] = True


def login(client, user, password=PASSWORD, second_factor=True):
    """Log in through the real form, and for an account with two-factor login through its code step as well
    (unless `second_factor=False`: then it stops at that step); returns the last response."""
    response = client.post(
        "/auth/login", data={"email": user.email, "password": password}, follow_redirects=False
    )
    if second_factor and response.status_code == 302 and "/auth/login/code" in response.location:
        # A fresh code every time: tests log one account in several times within one 30-second step.
        db.session.execute(sa.update(User).where(User.id == user.id).values(totp_last_step=None))
        db.session.commit()
        code = pyotp.TOTP(db.session.get(User, user.id).totp_secret).now()
        response = client.post(response.location, data={"code": code}, follow_redirects=False)
    return response


@contextmanager
def counted_statements(only: str | None = "SELECT"):
    """The SQL statements run inside the block (those starting with `only`; None: all of them):
    `with counted_statements() as seen: ...` then `len(seen)`."""
    seen: list[str] = []

    def listener(_connection, _cursor, statement, *_args):
        if only is None or statement.lstrip().upper().startswith(only):
            seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
