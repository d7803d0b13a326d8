"""What a proposal changes, by kind: checked when it is filed, applied when it passes (a registry, one entry
per kind). Checks raise DomainError next to the form field; applying runs inside the closing transaction."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import licences, search
from innovex import network_settings as settings
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.governance import membership
from innovex.models import CollaborationForm, Sector, Tag, User
from innovex.moderation.roles import change_role, find_user
from innovex.taxonomy import normalise_tag, tag_key
from innovex.vocab import TEXT_KINDS

TAXONOMY_MODELS = {"tag": Tag, "sector": Sector, "collaboration_form": CollaborationForm}
TAXONOMY_OPERATIONS = ("add", "rename", "merge", "retire")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,39}")


# Taxonomy ------------------------------------------------------------------------------------------------


def _find(target: str, name: str):
    model = TAXONOMY_MODELS[target]
    if target == "tag":
        return db.session.scalar(sa.select(Tag).where(Tag.key == tag_key(name)))
    return db.session.scalar(sa.select(model).where(model.slug == name.strip().lower()))


def _label_of(item) -> str:
    return item.name if isinstance(item, Tag) else item.slug


def check_taxonomy(change: dict) -> dict:
    target, operation = change.get("target"), change.get("operation")
    if target not in TAXONOMY_MODELS:
        raise DomainError(_("Please choose one of the options."), field="target")
    if operation not in TAXONOMY_OPERATIONS:
        raise DomainError(_("Please choose one of the options."), field="operation")
    name = normalise_tag(change.get("name") or "")
    if not name:
        raise DomainError(_("Please enter a name."), field="name")
    existing = _find(target, name)
    clean = {"target": target, "operation": operation, "name": name}
    if operation == "add":
        if existing is not None:
            raise DomainError(_("“%(name)s” exists already.", name=name), field="name")
        if target != "tag":
            if not SLUG.fullmatch(name.lower()):
                raise DomainError(
                    _("A short name has 2 to 40 lower-case letters, digits and hyphens."), field="name"
                )
            clean["name"] = name.lower()
            clean.update(_labels(change))
        return clean
    if existing is None:
        raise DomainError(_("There is no “%(name)s”.", name=name), field="name")
    clean["name"] = _label_of(existing)
    if operation == "rename":
        if target == "tag":
            new_name = normalise_tag(change.get("new_name") or "")
            if not new_name:
                raise DomainError(_("Please enter the new name."), field="new_name")
            other = _find(target, new_name)
            if other is not None and other.id != existing.id:
                raise DomainError(_("“%(name)s” exists already.", name=new_name), field="new_name")
            clean["new_name"] = new_name
        else:
            clean.update(_labels(change))
    elif operation == "merge":
        into = _find(target, change.get("into") or "")
        if into is None:
            raise DomainError(_("There is no “%(name)s”.", name=change.get("into") or ""), field="into")
        if into.id == existing.id:
            raise DomainError(_("Please choose a different entry to merge into."), field="into")
        clean["into"] = _label_of(into)
    return clean


def _labels(change: dict) -> dict:
    labels = {key: " ".join((change.get(key) or "").split())[:120] for key in ("label_de", "label_en")}
    for key, value in labels.items():
        if not value:
            raise DomainError(_("Please enter the label in both languages."), field=key)
    return labels


def _association_columns(model) -> list[tuple[sa.Table, sa.Column]]:
    """Every association table column that points at the model's rows (found in the schema, so a table added
    later is moved too)."""
    found = []
    for table in db.metadata.tables.values():
        for column in table.columns:
            if table is not model.__table__ and any(
                fk.column.table is model.__table__ for fk in column.foreign_keys
            ):
                found.append((table, column))
    return found


def _move_rows(model, old_id: int, new_id: int) -> None:
    """Point every row that used `old_id` at `new_id`, dropping those that would then be duplicates."""
    for table, column in _association_columns(model):
        others = [c for c in table.primary_key.columns if c is not column]
        if others:  # an association table: where the row with the new id is there already, drop the old one
            existing = table.alias("existing")
            duplicate = (
                sa.select(existing.c[column.name])
                .where(existing.c[column.name] == new_id, *[existing.c[c.name] == c for c in others])
                .exists()
            )
            db.session.execute(sa.delete(table).where(column == old_id, duplicate))
        db.session.execute(sa.update(table).where(column == old_id).values({column.name: new_id}))


def _collections(model) -> list[tuple[type, str]]:
    """The mapped many-to-many collections that hold rows of `model` (Offering.tags, Actor.sectors, ...)."""
    return [
        (mapper.class_, rel.key)
        for mapper in db.Model.registry.mappers
        for rel in mapper.relationships
        if rel.mapper.class_ is model and rel.secondary is not None and rel.uselist and not rel.viewonly
    ]


def _replace_in_collections(model, old, new) -> None:
    """Swap `old` for `new` (or drop it, new=None) through the ORM, so that search, caches and profile
    history see the change like any other edit; association tables nobody maps are moved after this."""
    for cls, key in _collections(model):
        for obj in db.session.scalars(sa.select(cls).where(getattr(cls, key).any(model.id == old.id))):
            collection = getattr(obj, key)
            collection.remove(old)
            if new is not None and new not in collection:
                collection.append(new)
    db.session.flush()


def _holders(model, item) -> list:
    """Every mapped row that carries the entry (the offerings and projects with a tag, ...)."""
    return [
        obj
        for cls, key in _collections(model)
        for obj in db.session.scalars(sa.select(cls).where(getattr(cls, key).any(model.id == item.id)))
    ]


def _drop_rows(model, old_id: int) -> None:
    for table, column in _association_columns(model):
        db.session.execute(sa.delete(table).where(column == old_id))


def apply_taxonomy(change: dict, proposal) -> str:
    target, operation, model = change["target"], change["operation"], TAXONOMY_MODELS[change["target"]]
    existing = _find(target, change["name"])
    if operation == "add":
        if existing is not None:
            raise DomainError(_("“%(name)s” exists already.", name=change["name"]))
        if target == "tag":
            db.session.add(Tag(name=change["name"], key=tag_key(change["name"])))
        else:
            db.session.add(
                model(slug=change["name"].lower(), label_de=change["label_de"], label_en=change["label_en"])
            )
        db.session.flush()
        return f"{target} +{change['name']}"
    if existing is None:
        raise DomainError(_("There is no “%(name)s”.", name=change["name"]))
    if operation == "rename":
        if target == "tag":
            other = _find(target, change["new_name"])
            if other is not None and other.id != existing.id:
                raise DomainError(_("“%(name)s” exists already.", name=change["new_name"]))
            existing.name, existing.key = change["new_name"], tag_key(change["new_name"])
        else:
            existing.label_de, existing.label_en = change["label_de"], change["label_en"]
        db.session.flush()
        search.reindex(_holders(model, existing))  # their documents hold the old name until rewritten
        return f"{target} {change['name']} -> {change.get('new_name') or change['label_de']}"
    if operation == "merge":
        into = _find(target, change["into"])
        if into is None:
            raise DomainError(_("There is no “%(name)s”.", name=change["into"]))
        _replace_in_collections(model, existing, into)
        _move_rows(model, existing.id, into.id)
    else:
        _replace_in_collections(model, existing, None)
        _drop_rows(model, existing.id)
    db.session.delete(existing)
    db.session.flush()
    return f"{target} {change['name']} {operation}" + (
        f" -> {change['into']}" if operation == "merge" else ""
    )


# Texts, settings, moderators -----------------------------------------------------------------------------


def check_text(change: dict) -> dict:
    if change.get("text_kind") not in TEXT_KINDS:
        raise DomainError(_("Please choose one of the options."), field="text_kind")
    clean = {"text_kind": change["text_kind"]}
    for key in ("body_de", "body_en"):
        clean[key] = (change.get(key) or "").strip()
        if not clean[key]:
            raise DomainError(_("Please enter the text in both languages."), field=key)
    current = membership.current_text(change["text_kind"])
    if (clean["body_de"], clean["body_en"]) == (current.body_de.strip(), current.body_en.strip()):
        raise DomainError(_("The text is the same as the current version."), field="body_de")
    clean["base_version"] = current.version
    return clean


def apply_text(change: dict, proposal) -> str:
    text = membership.add_text_version(
        change["text_kind"], change["body_de"], change["body_en"], proposal.author
    )
    return f"{change['text_kind']} v{text.version}"


def check_setting(change: dict) -> dict:
    key = change.get("key")
    if key not in settings.VOTABLE:
        raise DomainError(_("Please choose one of the settings offered."), field="key")
    return {"key": key, "value": settings.parse(key, change.get("value"))}


def apply_setting(change: dict, proposal) -> str:
    value = settings.put(change["key"], change["value"])
    return f"{change['key']} = {value}"


def check_moderator(change: dict) -> dict:
    action = change.get("action")
    if action not in ("elect", "recall"):
        raise DomainError(_("Please choose one of the options."), field="action")
    user = find_user(change.get("user") or "")
    if user is None:
        raise DomainError(_("There is no member with this email address or handle."), field="user")
    if user.is_admin:
        raise DomainError(_("Administrators are moderators already."), field="user")
    if (action == "elect") == user.is_moderator:
        message = (
            _("%(name)s is a moderator already.") if action == "elect" else _("%(name)s is not a moderator.")
        )
        raise DomainError(message % {"name": user.display_name}, field="user")
    return {"action": action, "user_id": user.id, "name": user.display_name}


def apply_moderator(change: dict, proposal) -> str:
    user = db.session.get(User, change["user_id"])
    if user is None:
        raise DomainError(_("The member has deleted their account."))
    role = "moderator" if change["action"] == "elect" else "member"
    reason = _("Decided by the data cooperative: “%(title)s”", title=proposal.title)
    change_role(user, role, by=None, reason=reason, via="vote")
    return f"{change['action']} {user.display_name}"


CANDIDATES_MAX = 20


def check_election(change: dict) -> dict:
    """An election among two or more named members for a number of moderator seats (fewer than candidates)."""
    raw = change.get("candidates") or []
    identifiers = raw.splitlines() if isinstance(raw, str) else [str(item) for item in raw]
    identifiers = [item.strip() for item in identifiers if item.strip()]
    if len(identifiers) > CANDIDATES_MAX:
        raise DomainError(
            _("Please name at most %(max)s candidates.", max=CANDIDATES_MAX), field="candidates"
        )
    candidates: list[dict] = []
    for identifier in identifiers:
        user = find_user(identifier)
        if user is None:
            raise DomainError(
                _("There is no member with the email address or handle “%(name)s”.", name=identifier[:60]),
                field="candidates",
            )
        if user.is_admin:
            raise DomainError(
                _(
                    "%(name)s is an administrator; administrators are moderators already.",
                    name=user.display_name,
                ),
                field="candidates",
            )
        if user.is_moderator:
            raise DomainError(
                _("%(name)s is a moderator already.") % {"name": user.display_name}, field="candidates"
            )
        if any(c["user_id"] == user.id for c in candidates):
            raise DomainError(_("%(name)s is named twice.", name=user.display_name), field="candidates")
        candidates.append({"user_id": user.id, "name": user.display_name})
    if len(candidates) < 2:
        raise DomainError(_("An election needs at least two candidates."), field="candidates")
    try:
        seats = 1 if change.get("seats") in (None, "") else int(change["seats"])
    except (TypeError, ValueError):
        seats = 0
    if not 1 <= seats < len(candidates):
        raise DomainError(
            _("Please choose between 1 and %(max)s seats (fewer than candidates).", max=len(candidates) - 1),
            field="seats",
        )
    return {"candidates": candidates, "seats": seats}


def election_result(change: dict, votes: dict[int | None, int]) -> dict:
    """Votes per candidate (in the order named, then by votes) and who is elected: the `seats` candidates
    with the most votes; a tie at the last seat, or a seat nobody got a vote for, elects no one."""
    ranked = sorted(
        ({**c, "votes": votes.get(c["user_id"], 0)} for c in change["candidates"]),
        key=lambda c: -c["votes"],
    )
    seats = change["seats"]
    last, first_out = ranked[seats - 1]["votes"], ranked[seats]["votes"]
    tie = [c["name"] for c in ranked if c["votes"] == last] if last == first_out and last > 0 else []
    elected = [c["user_id"] for c in ranked[:seats]] if last > first_out else []
    return {"candidates": ranked, "seats": seats, "elected": elected, "tie": tie}


def apply_election(change: dict, proposal) -> str:
    reason = _("Decided by the data cooperative: “%(title)s”", title=proposal.title)
    names = []
    for user_id in proposal.result.get("elected", []):
        user = db.session.get(User, user_id)
        if user is None:
            raise DomainError(_("An elected member has deleted their account."))
        if not user.is_admin:  # an admin is a moderator already
            change_role(user, "moderator", by=None, reason=reason, via="vote")
        names.append(user.display_name)
    return "elect " + ", ".join(names)


def check_licence(change: dict) -> dict:
    """Another open licence for the profiles made on innovex (the network's licence of the open data)."""
    spdx = licences.normalise(change.get("licence") or "")
    if spdx not in dict(licences.open_choices()):
        raise DomainError(_("Please choose a licence from the list."), field="licence")
    current = licences.default_licence()
    if spdx == current:
        raise DomainError(_("This is the network's licence already."), field="licence")
    return {"licence": spdx, "base": current}


def apply_licence(change: dict, proposal) -> str:
    value = settings.put("data_licence", change["licence"])
    return f"licence {change['base']} -> {value}"


@dataclass(frozen=True)
class Kind:
    check: Callable[[dict], dict]
    apply: Callable[[dict, object], str]
    secret: bool = False


KINDS = {
    "taxonomy": Kind(check_taxonomy, apply_taxonomy),
    "text": Kind(check_text, apply_text),
    "setting": Kind(check_setting, apply_setting),
    "moderator": Kind(check_moderator, apply_moderator, secret=True),
    "election": Kind(check_election, apply_election, secret=True),
    "licence": Kind(check_licence, apply_licence),
}
