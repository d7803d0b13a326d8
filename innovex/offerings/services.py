"""Offers and needs of organisations: creating, changing, deleting and listing them."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Offering
from innovex.models.base import utcnow
from innovex.permissions import visible_actors_filter
from innovex.taxonomy import get_or_create_tags, parse_tags, tag_is
from innovex.visibility import group_visible_clause
from innovex.vocab import OFFERING_KINDS, OFFERING_SCOPES

MAX_TAGS = 20


@dataclass
class OfferingData:
    """The editable fields of an offering, as a form hands them over."""

    kind: str
    title: str
    description: str = ""
    tags: str = ""  # comma-separated, as typed
    scope: str = "regional"
    expires_at: date | None = None


def _apply(offering: Offering, data: OfferingData) -> None:
    title = " ".join(data.title.split())
    if not title:
        raise DomainError(_("Please enter a title."), field="title")
    if data.kind not in OFFERING_KINDS:
        raise DomainError(_("Please choose offer or need."), field="kind")
    if data.scope not in OFFERING_SCOPES:
        raise DomainError(_("Please choose a scope from the list."), field="scope")
    tag_names = parse_tags(data.tags)
    if len(tag_names) > MAX_TAGS:
        raise DomainError(_("Please use at most %(count)s tags.", count=MAX_TAGS), field="tags")
    offering.kind, offering.title, offering.scope = data.kind, title, data.scope
    offering.description = data.description or ""
    offering.tags = get_or_create_tags(tag_names)


def create_offering(actor: Actor, data: OfferingData) -> Offering:
    if data.expires_at is not None and data.expires_at < utcnow().date():
        raise DomainError(_("The expiry date cannot be in the past."), field="expires_at")
    offering = Offering()
    _apply(offering, data)  # joins the actor's list only when valid, and after its tags' queries
    offering.actor, offering.expires_at = actor, data.expires_at
    db.session.add(offering)
    db.session.flush()
    return offering


def update_offering(offering: Offering, data: OfferingData) -> Offering:
    """Change an offering; an expiry date already past may stay as it was, but not be newly set."""
    newly_set = data.expires_at is not None and data.expires_at != offering.expires_at
    if newly_set and data.expires_at < utcnow().date():
        raise DomainError(_("The expiry date cannot be in the past."), field="expires_at")
    _apply(offering, data)
    offering.expires_at = data.expires_at
    db.session.flush()
    return offering


def delete_offering(offering: Offering) -> None:
    db.session.delete(offering)
    db.session.flush()


def offerings_query(viewer, kind: str | None = None, tag: str | None = None) -> sa.Select:
    """Current offerings the viewer may see (organisation and its offerings group visible), newest first."""
    query = (
        sa.select(Offering)
        .join(Offering.actor)
        .where(visible_actors_filter(viewer), group_visible_clause("offerings", viewer))
        .where(Offering.current)
    )
    if kind:
        query = query.where(Offering.kind == kind)
    if tag:
        query = query.where(Offering.tags.any(tag_is(tag)))
    return query.order_by(Offering.created_at.desc(), Offering.id.desc())
