"""Pickers: the one way to name an organisation, a project, a call or a taxonomy entry (a tag, a sector, a
form of collaboration) in a form. Suggestions for what is
typed (the JSON behind static/js/suggest.js) and the reading of what was sent (an address name, a link, or
a name when only one row the viewer may see carries it) share one registry and one visibility rule per kind,
the same clauses the pages list with."""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from innovex import permissions
from innovex.calls.access import visible_calls_filter
from innovex.database import escape_like
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Call, CollaborationForm, Project, Sector, Tag
from innovex.text import quote

LIMIT = 10  # suggestions per answer
QUERY_MAX = 100  # characters of a typed query
ENTRIES_MAX = 50  # names in one field that takes several


@dataclass(frozen=True)
class PickerKind:
    """What can be picked: its model, the column people know it by, who may see which rows, the path its
    pages live under (a pasted link works too; None: no page of its own) and a short detail that tells
    namesakes apart. `address` is the lower-case column an address name is compared with (the slug unless
    given) and `value` what a pick puts into the field (the address name unless given: a tag keeps its
    capitals)."""

    model: type
    label: Callable[[], sa.ColumnElement]
    visible: Callable[[object], sa.ColumnElement[bool]]
    path: str | None
    detail: Callable[[object, object], str | None]  # of a row, for a viewer
    ambiguous: object  # messages with %(name)s, written out per kind for the grammar's sake
    unknown: object
    address: Callable[[], sa.ColumnElement] | None = None
    value: Callable[[object], str] | None = None

    def select(self, viewer) -> sa.Select:
        return sa.select(self.model).where(self.visible(viewer))

    def address_column(self) -> sa.ColumnElement:
        return self.address() if self.address else self.model.slug

    def value_of(self, row) -> str:
        return self.value(row) if self.value else getattr(row, self.address_column().key)


def _everyone(_viewer) -> sa.ColumnElement[bool]:
    return sa.true()  # the vocabularies are public


def _labelled_column(model) -> sa.ColumnElement:
    """The label column of a sector or form of collaboration in the reader's language (as LabelledMixin)."""
    locale = get_locale()
    return model.label_en if locale is not None and locale.language == "en" else model.label_de


KINDS = {
    "actor": PickerKind(
        Actor,
        lambda: Actor.name,
        permissions.visible_actors_filter,
        "/organisations/",
        lambda actor, _viewer: actor.city,  # a basic field: public for every organisation that is listed
        _l("More than one organisation is called %(name)s: please pick one from the list."),
        _l("No organisation you can see is called %(name)s or has this address name."),
    ),
    "project": PickerKind(
        Project,
        lambda: Project.title,
        permissions.visible_projects_filter,
        "/projects/",
        lambda project, _viewer: project.actor.name,  # a project one may see has an organisation one may see
        _l("More than one project is called %(name)s: please pick one from the list."),
        _l("No project you can see is called %(name)s or has this address name."),
    ),
    "call": PickerKind(
        Call,
        lambda: Call.question,
        visible_calls_filter,
        "/calls/",
        lambda call, viewer: (
            call.actor.name if call.actor and permissions.can_view_actor(viewer, call.actor) else None
        ),
        _l("More than one call asks %(name)s: please pick one from the list."),
        _l("No call you can see asks %(name)s or has this address name."),
    ),
    "tag": PickerKind(
        Tag,
        lambda: Tag.name,
        _everyone,
        None,
        lambda _tag, _viewer: None,
        _l("More than one tag is called %(name)s: please pick one from the list."),
        _l("There is no tag %(name)s."),
        address=lambda: Tag.key,
        value=lambda tag: tag.name,
    ),
    "sector": PickerKind(
        Sector,
        lambda: _labelled_column(Sector),
        _everyone,
        None,
        lambda sector, _viewer: sector.slug,  # the short name the proposals record
        _l("More than one sector is called %(name)s: please pick one from the list."),
        _l("There is no sector called %(name)s or with this short name."),
    ),
    "collaboration_form": PickerKind(
        CollaborationForm,
        lambda: _labelled_column(CollaborationForm),
        _everyone,
        None,
        lambda form, _viewer: form.slug,
        _l("More than one form of collaboration is called %(name)s: please pick one from the list."),
        _l("There is no form of collaboration called %(name)s or with this short name."),
    ),
}


def _pattern(text: str) -> str:
    """`text` for a LIKE pattern that matches it in any case on every engine: SQLite folds the case of ASCII
    letters only, so the other letters become one-character wildcards, and Python checks the rows."""
    return "".join(ch if ch.isascii() else "_" for ch in escape_like(text))


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def suggest(kind: str, text: str, viewer, limit: int = LIMIT) -> list[dict]:
    """Up to `limit` rows of a kind the viewer may see whose name or address name starts with the text, or
    one of whose words does (case-insensitive, umlauts too; LIKE wildcards in the text are taken literally).
    Names that start with it come first, then alphabetically."""
    picker = KINDS[kind]
    text = " ".join(text.split())[:QUERY_MAX]
    if not text:
        return []
    label, address, pattern, folded = picker.label(), picker.address_column(), _pattern(text), _fold(text)
    starts = label.ilike(f"{pattern}%", escape="\\")
    matches = sa.or_(
        starts,
        label.ilike(f"% {pattern}%", escape="\\"),
        label.ilike(f"%-{pattern}%", escape="\\"),
        picker.address_column().ilike(f"{pattern}%", escape="\\"),
    )
    rows = db.session.scalars(
        picker.select(viewer)
        .where(matches)
        .order_by(sa.case((starts, 0), else_=1), sa.func.lower(label), picker.model.id)
        .limit(limit * 5)  # room for the rows a wildcard in place of an umlaut let through
    )

    def fits(row) -> bool:
        name = _fold(_label(picker, row))
        return any(
            (
                name.startswith(folded),
                f" {folded}" in name,
                f"-{folded}" in name,
                getattr(row, address.key).startswith(folded),
            )
        )

    found = sorted(
        (row for row in rows if fits(row)), key=lambda row: not _fold(_label(picker, row)).startswith(folded)
    )
    return [
        {"slug": picker.value_of(row), "label": _label(picker, row), "detail": picker.detail(row, viewer)}
        for row in found[:limit]
    ]


def _label(picker: PickerKind, row) -> str:
    return getattr(row, picker.label().key)


def _address(picker: PickerKind, text: str) -> str:
    """A pasted link reduced to its address name ("https://…/projects/solar-eg/" -> "solar-eg")."""
    if picker.path:
        text = text.rstrip("/").rsplit(picker.path, 1)[-1]
    return text.strip().lower()


def resolve(kind: str, text: str, viewer, field: str | None = None) -> str:
    """The address name of what `text` names for this viewer: an address name, a link to its page, or its
    exact name (case-insensitive) when only one visible row carries it. Raises DomainError(field=...) when
    several carry the name or none matches, so that the form says so next to the field."""
    picker = KINDS[kind]
    text = " ".join((text or "").split())
    slug = _address(picker, text)
    if slug:
        row = db.session.scalar(picker.select(viewer).where(picker.address_column() == slug).limit(1))
        if row is not None:
            return picker.value_of(row)
    candidates = db.session.scalars(
        picker.select(viewer)
        .where(picker.label().ilike(_pattern(text), escape="\\"))
        .order_by(picker.model.id)
        .limit(50)
    )
    named = [row for row in candidates if _fold(_label(picker, row)) == _fold(text)][:2]
    if len(named) == 1:
        return picker.value_of(named[0])
    message = picker.ambiguous if named else picker.unknown
    raise DomainError(str(message) % {"name": quote(text)}, field=field)


def split_entries(text: str | None) -> list[str]:
    """The names or addresses in a field that takes several, separated by commas or lines, each once."""
    entries = []
    for raw in (text or "").replace("\n", ",").split(","):
        entry = raw.strip()
        if entry and entry not in entries:
            entries.append(entry)
    return entries


def resolve_many(kind: str, text: str | None, viewer, field: str | None = None) -> list[str]:
    """resolve() for each entry of a field that takes several; the address names in the order typed."""
    entries = split_entries(text)
    if len(entries) > ENTRIES_MAX:
        raise DomainError(_("Please name at most %(max)s entries.", max=ENTRIES_MAX), field=field)
    slugs = []
    for entry in entries:
        slug = resolve(kind, entry, viewer, field)
        if slug not in slugs:
            slugs.append(slug)
    return slugs
