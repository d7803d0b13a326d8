"""Changing what an organisation publishes and whom it is related to; the request owns the transaction."""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from innovex import visibility
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Relation, User
from innovex.models.base import utcnow
from innovex.models.datacoop import RELATION_KINDS
from innovex.notifications.services import notify


def save_visibility(actor: Actor, levels: dict[str, str]) -> None:
    """Store one level per field group; anything outside the vocabulary is refused."""
    for group, level in levels.items():
        if group not in visibility.GROUPS or level not in visibility.LEVELS:
            raise DomainError(_("Please choose one of the offered levels."), field=group)
    visibility.set_levels(actor, levels)


def find_target(reference: str) -> Actor | None:
    """An active organisation by its slug or the address of its profile page."""
    slug = reference.strip().rstrip("/").rsplit("/", 1)[-1].lower()
    if not slug:
        return None
    return db.session.scalar(sa.select(Actor).where(Actor.slug == slug, Actor.listed))


def propose_relation(user: User, subject: Actor, kind: str, reference: str) -> Relation:
    """`subject` proposes that it is `kind` of another organisation; that one's owners are notified."""
    if kind not in RELATION_KINDS:
        raise DomainError(_("Please choose a kind of relation."), field="kind")
    target = find_target(reference)
    if target is None:
        raise DomainError(_("There is no organisation at this address."), field="target")
    if target.id == subject.id:
        raise DomainError(_("An organisation cannot be related to itself."), field="target")
    existing = db.session.scalar(
        sa.select(Relation).where(
            Relation.subject_id == subject.id, Relation.object_id == target.id, Relation.kind == kind
        )
    )
    if existing is not None:
        raise DomainError(_("This relation has already been proposed."), field="target")
    relation = Relation(subject=subject, object=target, kind=kind, proposed_by=user)
    db.session.add(relation)
    db.session.flush()
    for owner in target.owners:
        notify(owner, "relation", by_user=user, actor=subject)
    return relation


def confirm_relation(user: User, relation: Relation) -> None:
    """The other side agrees; from now on both profiles show the relation."""
    if relation.state != "proposed":
        raise DomainError(_("This relation is already confirmed."))
    relation.state = "confirmed"
    relation.confirmed_at = utcnow()
    if relation.proposed_by is not None:
        notify(relation.proposed_by, "relation", by_user=user, actor=relation.object)


def remove_relation(relation: Relation) -> None:
    """Either side may end a relation, withdraw its proposal or decline one."""
    db.session.delete(relation)


def relations_of(actor: Actor, *, confirmed_only: bool = True) -> list[Relation]:
    """The relations an organisation takes part in, either side, with both ends loaded in one query."""
    query = (
        sa.select(Relation)
        .where(sa.or_(Relation.subject_id == actor.id, Relation.object_id == actor.id))
        .options(joinedload(Relation.subject), joinedload(Relation.object))
        .order_by(Relation.kind, Relation.id)
    )
    if confirmed_only:
        query = query.where(Relation.state == "confirmed")
    return [r for r in db.session.scalars(query) if r.other(actor).listed or not confirmed_only]
