"""Reading a profile's history (filtered by who looks), showing a revision as a diff, and restoring one."""

import difflib
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.history.tracking import OFFERING_PREFIX, offering_state, plain, revision_context
from innovex.models import Actor, CollaborationForm, Offering, ProfileRevision, Sector, User
from innovex.normalise import name_key, website_domain
from innovex.taxonomy import get_or_create_tags
from innovex.visibility import GROUPS, LEVELS, visible_field_names
from innovex.vocab import ACTOR_KINDS, LEGAL_FORMS, OFFERING_KINDS

FIELD_LABELS = {
    "name": _l("Name"), "kind": _l("Kind of organisation"), "legal_form": _l("Legal form"),
    "description": _l("Description"), "website": _l("Website"), "email": _l("Contact email"),
    "phone": _l("Phone"), "address": _l("Street and number"), "postcode": _l("Postcode"), "city": _l("City"),
    "region": _l("State / region"), "country": _l("Country"), "lat": _l("Latitude"), "lon": _l("Longitude"),
    "founded": _l("Founded (year)"), "members": _l("Number of members"), "sectors": _l("Sectors"),
    "collaboration": _l("Forms of collaboration"),
    "source": _l("Source"), "source_id": _l("Id at the source"), "source_url": _l("Address at the source"),
    "licence": _l("Licence"), "status": _l("Status"), "visibility": _l("Visibility"),
}  # fmt: skip

# Restoring these would undo a moderator's decision (status) or is derived from other fields.
NOT_RESTORED = {"status"}
LONG_TEXT = 80  # longer texts are shown as a word diff instead of old and new side by side


def history_query(actor: Actor) -> sa.Select:
    """An organisation's revisions, newest first."""
    return (
        sa.select(ProfileRevision)
        .where(ProfileRevision.actor_id == actor.id)
        .order_by(ProfileRevision.created_at.desc(), ProfileRevision.id.desc())
    )


@dataclass
class FieldChange:
    field: str
    old: object
    new: object
    segments: list[tuple[str, str]] | None = None  # ("equal" | "delete" | "insert", text) for long texts

    @property
    def label(self) -> str:
        if self.field.startswith(OFFERING_PREFIX):
            return str(_l("Offer or need"))
        return str(FIELD_LABELS.get(self.field, self.field))

    def shown(self, value) -> str:
        """A value as the history page shows it."""
        if value in (None, "", [], {}):
            return "–"
        if isinstance(value, list):
            return ", ".join(map(str, value))
        if self.field.startswith(OFFERING_PREFIX):
            tags = f" ({', '.join(value.get('tags') or [])})" if value.get("tags") else ""
            return f"{OFFERING_KINDS.get(value['kind'], value['kind'])}: {value['title']}{tags}"
        if self.field == "kind":
            return str(ACTOR_KINDS.get(value, value))
        if self.field == "legal_form":
            return str(LEGAL_FORMS.get(value, value))
        if self.field == "visibility":
            return ", ".join(f"{GROUPS.get(k, k)}: {LEVELS.get(v, v)}" for k, v in value.items())
        return str(value)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words kept, deleted and inserted between two texts."""
    before, after = (old or "").split(" "), (new or "").split(" ")
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", " ".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", " ".join(before[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", " ".join(after[j1:j2])))
    return segments


def visible_changes(revision: ProfileRevision, viewer) -> list[FieldChange]:
    """The changes of a revision that the viewer may see (the visibility rules of the profile), in a stable
    order; long texts carry a word diff."""
    names = visible_field_names(revision.actor, viewer, revision.changes)
    changes = []
    for name in sorted(names, key=lambda n: (n.startswith(OFFERING_PREFIX), n)):
        old, new = revision.changes[name]
        long_text = isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT
        changes.append(FieldChange(name, old, new, word_diff(old, new) if long_text else None))
    return changes


def values_as_of(revision: ProfileRevision) -> dict:
    """The value every field changed after `revision` had right after it (the old value of the first later
    revision that changed it), plus the values the revision itself set."""
    values = {name: new for name, (_old, new) in revision.changes.items()}
    later = db.session.scalars(
        sa.select(ProfileRevision)
        .where(ProfileRevision.actor_id == revision.actor_id, ProfileRevision.id > revision.id)
        .order_by(ProfileRevision.id)
    )
    for other in later:
        for name, (old, _new) in other.changes.items():
            values.setdefault(name, old)
    return values


def restore_revision(revision: ProfileRevision, user: User) -> None:
    """Give the profile the values it had right after `revision`; itself a revision with source "restore"."""
    actor = revision.actor
    values = {
        name: value
        for name, value in values_as_of(revision).items()
        if name not in NOT_RESTORED and value != current_value(actor, name)
    }
    if not values:
        raise DomainError(_("The profile already has the values of this version."))
    with revision_context("restore", user, note=f"revision:{revision.id}"):
        for name, value in values.items():
            set_field(actor, name, value)


# What an import records about the record itself rather than taking from the source's content, and choices
# from innovex's own vocabularies (kind, legal form, country).
NOT_CONTENT = frozenset(
    {"source", "source_id", "source_url", "licence", "status", "visibility", "kind", "legal_form", "country"}
)
OFFERING_CONTENT = ("title", "description", "tags")
_EMPTY = (None, "", [], {})


def source_fields_rewritten(actor: Actor) -> bool:
    """Whether every field an import took from the source now holds something else: each profile field the
    import revisions set, and the title, description and tags of each imported offering (gone counts as
    rewritten). False when no import revision is on record (imported before innovex kept a history): then
    innovex cannot tell (innovex.actors.licensing)."""
    imports = db.session.scalars(
        sa.select(ProfileRevision).where(
            ProfileRevision.actor_id == actor.id, ProfileRevision.source == "import"
        )
    )
    taken: dict[str, list] = {}
    for revision in imports:
        for name, (_old, new) in revision.changes.items():
            if name not in NOT_CONTENT and new not in _EMPTY:
                taken.setdefault(name, []).append(new)
    if not taken:
        return False
    for name, values in taken.items():
        now = current_value(actor, name)
        if name.startswith(OFFERING_PREFIX):
            if now is not None and any(
                value.get(key) not in _EMPTY and now.get(key) == value.get(key)
                for value in values
                for key in OFFERING_CONTENT
            ):
                return False
        elif now in values:
            return False
    return True


def current_value(actor: Actor, name: str):
    """A field's value now, as a revision stores it."""
    if name.startswith(OFFERING_PREFIX):
        offering_id = int(name.removeprefix(OFFERING_PREFIX))
        offering = next((o for o in actor.offerings if o.id == offering_id), None)
        return None if offering is None else offering_state(offering)
    if name == "sectors":
        return sorted(s.slug for s in actor.sectors)
    if name == "collaboration":
        return sorted(c.slug for c in actor.collaboration)
    return plain(getattr(actor, name))


def set_field(actor: Actor, name: str, value) -> None:
    """Give one field of a profile a value as a revision stores it (restores and suggestions write so)."""
    if name.startswith(OFFERING_PREFIX):
        _set_offering(actor, int(name.removeprefix(OFFERING_PREFIX)), value)
    elif name == "sectors":
        actor.sectors = _by_slug(Sector, value or [])
    elif name == "collaboration":
        actor.collaboration = _by_slug(CollaborationForm, value or [])
    elif name == "visibility":
        actor.visibility = dict(value or {})
    elif name == "name" and value:
        actor.name, actor.name_key = value, name_key(value)
    elif name == "website":
        actor.website, actor.website_domain = value, website_domain(value)
    elif name != "name":
        setattr(actor, name, value if value is not None or name != "description" else "")


def _by_slug(model, slugs: list[str]) -> list:
    """The rows with these slugs; a slug retired since is left out."""
    return list(db.session.scalars(sa.select(model).where(model.slug.in_(slugs)))) if slugs else []


def _set_offering(actor: Actor, offering_id: int, state: dict | None) -> None:
    offering = next((o for o in actor.offerings if o.id == offering_id), None)
    if state is None:
        if offering is not None:
            actor.offerings.remove(offering)
            db.session.delete(offering)
        return
    if offering is None:
        offering = Offering(actor=actor)
        db.session.add(offering)
    # A revision made when the offering was created may lack the column defaults (set at INSERT).
    offering.kind, offering.title = state["kind"], state["title"]
    offering.scope = state.get("scope") or "regional"
    offering.description = state.get("description") or ""
    expires = state.get("expires_at")
    offering.expires_at = date.fromisoformat(expires) if expires else None
    offering.tags = get_or_create_tags(state.get("tags") or [])
