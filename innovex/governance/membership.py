"""Membership of the data cooperative and its versioned texts."""

import difflib
import html

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from innovex import permissions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.governance.texts import FIRST_VERSIONS
from innovex.models import Actor, CoopMember, CoopText, User
from innovex.models.base import utcnow

# Texts ---------------------------------------------------------------------------------------------------


def current_text(kind: str) -> CoopText:
    """The newest version of a text; before any is stored, the first version (not added to the session)."""
    stored = db.session.scalar(
        sa.select(CoopText).where(CoopText.kind == kind).order_by(CoopText.version.desc()).limit(1)
    )
    if stored is not None:
        return stored
    body_de, body_en = FIRST_VERSIONS[kind]
    return CoopText(kind=kind, version=1, body_de=body_de, body_en=body_en)


def text_versions(kind: str) -> list[CoopText]:
    """All stored versions of a text, newest first (the first version when none is stored yet)."""
    rows = list(
        db.session.scalars(sa.select(CoopText).where(CoopText.kind == kind).order_by(CoopText.version.desc()))
    )
    return rows or [current_text(kind)]


def add_text_version(kind: str, body_de: str, body_en: str, by: User | None) -> CoopText:
    """Store a new current version of a text (storing the built-in first version before it, if needed)."""
    current = current_text(kind)
    if current.id is None:
        db.session.add(current)
    text = CoopText(kind=kind, version=current.version + 1, body_de=body_de, body_en=body_en, created_by=by)
    db.session.add(text)
    db.session.flush()
    return text


def body_in_language(text: CoopText) -> str:
    locale = get_locale()
    return text.body_en if locale is not None and locale.language == "en" else text.body_de


def diff_html(old: str, new: str) -> Markup:
    """A line diff of two texts as escaped HTML: removed lines in <del>, added lines in <ins>."""
    lines = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        tag, content = line[:2], html.escape(line[2:])
        if tag == "- ":
            lines.append(f"<del>{content}</del>")
        elif tag == "+ ":
            lines.append(f"<ins>{content}</ins>")
        elif tag == "  ":
            lines.append(f"<span>{content}</span>")
    return Markup("".join(lines))  # block elements, one per line; every line's text was escaped above


# Members -------------------------------------------------------------------------------------------------


def membership_of(actor: Actor) -> CoopMember | None:
    return db.session.scalar(sa.select(CoopMember).where(CoopMember.actor_id == actor.id))


def active_members() -> sa.Select:
    """The member organisations, longest-standing first, for the public members page."""
    return (
        sa.select(CoopMember)
        .join(CoopMember.actor)
        .where(CoopMember.left_at.is_(None), Actor.listed)
        .order_by(CoopMember.joined_at, CoopMember.id)
    )


def member_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(CoopMember).where(CoopMember.left_at.is_(None))
    )


def join(actor: Actor, user: User, charter_version: int) -> CoopMember:
    """An owner accepts the current charter for the organisation; the version they saw must be current."""
    if not permissions.can_manage_members(user, actor):
        raise DomainError(_("Only the owners of an organisation can accept the charter for it."))
    charter = current_text("charter")
    if charter_version != charter.version:
        raise DomainError(_("The charter has changed since you opened it. Please read the current version."))
    member = membership_of(actor)
    if member is not None and member.active:
        raise DomainError(_("%(name)s is a member of the data cooperative already.", name=actor.name))
    if member is None:
        member = CoopMember(actor=actor)
        db.session.add(member)
    member.charter_version, member.accepted_by, member.joined_at, member.left_at = (
        charter.version,
        user,
        utcnow(),
        None,
    )
    db.session.flush()
    return member


def leave(actor: Actor, user: User) -> CoopMember:
    member = membership_of(actor)
    if not permissions.can_manage_members(user, actor):
        raise DomainError(_("Only the owners of an organisation can end its membership."))
    if member is None or not member.active:
        raise DomainError(_("%(name)s is not a member of the data cooperative.", name=actor.name))
    member.left_at = utcnow()
    db.session.flush()
    return member


def set_editors_vote(actor: Actor, user: User, allowed: bool) -> CoopMember:
    """The owners decide whether the organisation's editors may cast its vote too."""
    member = membership_of(actor)
    if member is None or not member.active or not permissions.can_manage_members(user, actor):
        raise DomainError(_("Only the owners of a member organisation can decide this."))
    member.editors_vote = allowed
    db.session.flush()
    return member


def voting_members_for(user) -> list[CoopMember]:
    """The member organisations this user may cast the vote of (owner, or editor where the owners allow)."""
    if not getattr(user, "is_authenticated", False):
        return []
    members = db.session.scalars(
        sa.select(CoopMember).where(
            CoopMember.left_at.is_(None),
            CoopMember.actor_id.in_([m.actor_id for m in user.memberships]),
        )
    )
    return [m for m in members if permissions.can_vote_for(user, m)]


def owned_members_for(user) -> list[CoopMember]:
    """The member organisations this user owns: the ones they may file proposals for."""
    return [m for m in voting_members_for(user) if m.actor.role_of(user) == "owner"]
