"""Organisation profiles in and out as JSON Lines (docs/import-format.md): import and export.

Importers for other formats (innovex.actors.importers) turn their records into the same dicts and hand them
to import_records, which validates, finds duplicates (innovex.actors.importers.duplicates) and saves them as
it does lines. The functions write through the session and flush but never commit: the caller commits or
rolls back.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from innovex import licences
from innovex.actors.importers.duplicates import ActorMatcher
from innovex.actors.importers.validation import (
    ACTOR_FIELDS,
    FieldError,
    Taxonomy,
    title_key,
    validate_line,
)
from innovex.actors.location import Before, place_imported
from innovex.actors.services import RESERVED_SLUGS
from innovex.extensions import db
from innovex.history.tracking import revision_context
from innovex.models import Actor, Offering, Relation
from innovex.models.base import utcnow
from innovex.normalise import name_key, website_domain
from innovex.slugs import unique_slug
from innovex.taxonomy import get_or_create_tags

__all__ = [
    "ActorMatcher", "ImportReport", "SourceRecord", "export_actors", "import_actors", "import_records",
    "validate_line",
]  # fmt: skip

PROGRESS_EVERY = 500
# How a new organisation is linked to the one whose website it shares: proposed, for the owners to confirm.
BRANCH_RELATION = "partner_of"
# Optional fields a record can do without: a malformed value is dropped with a warning, the record kept.
DROPPABLE_FIELDS = ("email", "website", "phone", "country", "source_url", "licence")


@dataclass
class ImportReport:
    dry_run: bool
    skip_invalid: bool
    lines: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    kept: int = 0  # matched organisations left alone because their owners maintain them
    linked: int = 0  # new organisations linked to one with the same website (a proposed relation)
    located: int = 0  # records without coordinates placed by their address or city (innovex.geocoding)
    errors: list[str] = field(default_factory=list)  # "line 7: country: 'Germany' is not an ISO 3166 code"
    actions: list[str] = field(default_factory=list)  # "line 3: create 'Name'"
    warnings: list[str] = field(default_factory=list)  # "feature 9 (Name): contact:email: ...; dropped"
    notes: list[str] = field(default_factory=list)  # how the file was read: "columns: name=Name, ..."

    @property
    def failed(self) -> bool:
        """True when errors stopped the import (nothing was, or would be, written)."""
        return bool(self.errors) and not self.skip_invalid

    def summary(self) -> str:
        kept = f", {self.kept} kept as their owners maintain them" if self.kept else ""
        if self.linked:
            kept += f", {self.linked} linked as possible branches of one with the same website"
        kept += f", {self.located} placed by their address or city" if self.located else ""
        kept += f", {len(self.warnings)} warnings" if self.warnings else ""
        if self.dry_run:
            errors = len(self.errors)
            counts = f"create {self.created}, update {self.updated}{kept}"
            if self.failed:
                # The actions listed are what --skip-invalid would do; as asked, nothing would be written.
                return (
                    f"Dry run: {errors} errors, so nothing would be imported; with --skip-invalid it would "
                    f"{counts}, skip {self.skipped}"
                )
            skipped = f", skip {self.skipped}" if self.skipped else ""
            return f"Dry run: would {counts}{skipped}; {errors} errors"
        return (
            f"Imported {self.created + self.updated} organisations: {self.created} created, "
            f"{self.updated} updated, {self.skipped} skipped, {len(self.errors)} errors{kept}"
        )


@dataclass
class SourceRecord:
    """One record of an import file, mapped onto the JSON Lines format, with what messages need to name it."""

    where: str  # "line 3", "feature 12"
    data: Any = None  # the record in the JSON Lines format; None when it could not be read at all
    errors: list[FieldError] = field(default_factory=list)  # found while reading or mapping the record
    warnings: list[FieldError] = field(default_factory=list)  # values left out while mapping the record
    label: str = ""  # its name in the source, shown beside `where` in messages
    fields: dict[str, str] = field(default_factory=dict)  # JSON Lines key -> the source's key, for messages
    guessed: frozenset[str] = (
        frozenset()
    )  # keys inferred, not read: they never change an existing organisation
    keep_claimed: bool = False  # leave organisations with owners as they are (the owners maintain them)

    def prefix(self) -> str:
        return f"{self.where} ({self.label[:60]})" if self.label else self.where

    def source_error(self, error: FieldError) -> FieldError:
        """The error with the field named as in the source file."""
        return FieldError(self.fields.get(error.field, error.field), error.message)


def decode_lines(lines: Iterable[str | bytes]) -> Iterable[tuple[int, Any, str | None]]:
    """Yield (line number, decoded JSON, error) for every non-blank line."""
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None, "not valid UTF-8"
                continue
        text = raw.removeprefix("\ufeff").strip() if number == 1 else raw.strip()
        if not text:
            continue
        try:
            yield number, json.loads(text, parse_constant=_reject_constant), None
        except json.JSONDecodeError as error:
            yield number, None, f"invalid JSON: {error.msg} at column {error.colno}"
        except RecursionError:
            yield number, None, "invalid JSON: nested too deeply"
        except ValueError as error:
            yield number, None, f"invalid JSON: {error}"


def drop_fields(record: SourceRecord, data: dict, errors: list[FieldError], warnings: list[str]) -> dict:
    """The data without the malformed optional fields, each dropped with a warning; an email field that
    holds a web address gives the website when the record has none."""
    data = dict(data)
    for error in errors:
        value = data.pop(error.field, None)
        what = "dropped"
        if error.field == "email" and isinstance(value, str) and not data.get("website"):
            candidate = value.strip()
            if candidate.lower().startswith(("http://", "https://", "www.")) and " " not in candidate:
                data["website"] = candidate
                record.fields["website"] = record.fields.get("email", "email")
                what = "taken as the website"
        warnings.append(f"{record.source_error(error)}; {what}")
    return data


def _reject_constant(name: str) -> None:
    # Python's json accepts NaN and Infinity; JSON does not, and they are no valid value of any field.
    raise ValueError(f"{name} is not a JSON value")


def import_actors(
    lines: Iterable[str | bytes],
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Validate every line, then create or update the actors unless errors (or dry_run) forbid writing."""
    records = (
        SourceRecord(f"line {number}", data, [FieldError("", error)] if error else [])
        for number, data, error in decode_lines(lines)
    )
    return import_records(records, dry_run, skip_invalid, progress, source_format="jsonl")


def import_records(
    records: Iterable[SourceRecord],
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[str], None] | None = None,
    unit: str = "lines",
    source_format: str | None = None,
) -> ImportReport:
    """Validate and match every record, then create or update the actors unless errors (or dry_run) forbid
    writing; `unit` names the records in progress messages, `source_format` (kvm, geojson, ...) is kept as
    the records' provenance."""
    report = ImportReport(dry_run=dry_run, skip_invalid=skip_invalid)
    taxonomy, matcher = Taxonomy.load(), ActorMatcher()
    accepted: list[tuple[str, dict, Actor | None]] = []
    matched: dict[str, Actor] = {}  # where -> the existing organisation a record matched
    for record in records:
        report.lines += 1
        if progress and report.lines % PROGRESS_EVERY == 0:
            progress(f"{report.lines} {unit} checked")
        errors, clean, actor = list(record.errors), None, None
        warnings = [f"{warning}; dropped" for warning in record.warnings]
        if record.data is not None or not errors:
            data = record.data
            for _pass in range(len(DROPPABLE_FIELDS) + 1):
                clean, field_errors = validate_line(data, taxonomy)
                dropped = [
                    error
                    for error in field_errors
                    if error.field in DROPPABLE_FIELDS and isinstance(data, dict) and error.field in data
                ]
                if not dropped:
                    break
                data = drop_fields(record, data, dropped, warnings)
            errors += [record.source_error(error) for error in field_errors]
        report.warnings.extend(f"{record.prefix()}: {warning}" for warning in warnings)
        if clean is not None and not errors:
            actor, conflict = matcher.resolve(clean, record.where)
            errors = [conflict] if conflict else []
        if errors:
            report.errors.extend(f"{record.prefix()}: {error}" for error in errors)
            report.skipped += 1
            continue
        if actor is not None:
            matched[record.where] = actor
        if actor is not None and record.keep_claimed and actor.owners:
            report.kept += 1
            report.actions.append(
                f"{record.where}: keep {actor.name!r} ({actor.slug}), maintained by its owners"
            )
            continue
        if actor is not None:
            clean = {key: value for key, value in clean.items() if key not in record.guessed}
            report.updated += 1
        else:
            report.created += 1
        accepted.append((record.where, clean, actor))
        report.actions.append(
            f"{record.where}: {'update' if actor else 'create'} {clean['name']!r}"
            + (f" ({actor.slug})" if actor else "")
            + _branch_note(matcher.branch_of.get(record.where), clean)
        )
        if record.where in matcher.branch_of:
            report.linked += 1
    if report.failed:
        if not dry_run:  # nothing is written; a dry run keeps what --skip-invalid would do
            report.created = report.updated = report.skipped = report.kept = report.linked = 0
        return report
    # Slugs are looked up in one set and rows flushed in batches: a query and a flush per record made
    # large imports slow (the slug query is a LIKE that scans every row).
    if dry_run:
        return report
    slugs = set(db.session.scalars(sa.select(Actor.slug)))
    written: dict[str, Actor] = dict(matched)
    with revision_context("import"):
        for done, (where, clean, actor) in enumerate(accepted, start=1):
            written[where] = apply_record(clean, actor, taxonomy, slugs, report, source_format)
            if done % PROGRESS_EVERY == 0:
                db.session.flush()
                if progress:
                    progress(f"{done} organisations written")
        _link_branches(matcher.branch_of, written)
    return report


def _branch_note(hub: Actor | str | None, clean: dict) -> str:
    if hub is None:
        return ""
    name = f"{hub.name!r} ({hub.slug})" if isinstance(hub, Actor) else hub
    return f", a possible branch of {name} (same website {website_domain(clean.get('website'))})"


def _link_branches(branch_of: dict[str, Actor | str], written: dict[str, Actor]) -> None:
    """A proposed relation from each new organisation to the one whose website it shares, for their owners
    to confirm or decline (innovex.datacoop); nobody proposed it, the import did."""
    for where, hub in branch_of.items():
        branch = written.get(where)
        hub_actor = hub if isinstance(hub, Actor) else written.get(hub)
        if branch is None or hub_actor is None or branch is hub_actor:
            continue
        db.session.add(Relation(subject=branch, object=hub_actor, kind=BRANCH_RELATION, state="proposed"))


def apply_record(
    clean: dict,
    actor: Actor | None,
    taxonomy: Taxonomy,
    slugs: set[str] | None = None,
    report: ImportReport | None = None,
    source_format: str | None = None,
) -> Actor:
    """Create an ownerless actor from a clean record, or update one with the keys the record gives; one
    without coordinates is placed by its address (innovex.actors.location).
    With `slugs` (every slug taken, kept up to date here) the caller flushes; without, this function does."""
    before = Before.of(actor) if actor is not None else None
    if actor is None:
        with_city = [f"{clean['name']} {clean['city']}"] if clean.get("city") else []
        slug = unique_slug(
            Actor.slug, clean["name"], alternatives=with_city, reserved=RESERVED_SLUGS, taken=slugs
        )
        actor = Actor(slug=slug, status="active", description="")
        db.session.add(actor)
    for key in ACTOR_FIELDS:
        if key in clean:
            setattr(actor, key, clean[key])
    actor.name_key = name_key(actor.name)
    actor.website_domain = website_domain(actor.website)
    if place_imported(actor, clean, before) is not None and report is not None:
        report.located += 1
    actor.imported_at = utcnow()
    if source_format:
        actor.source_format = source_format
    if "licence" in clean:  # what the source states, kept apart from a licence its owners choose later
        actor.source_licence = clean["licence"]
    if "sectors" in clean:
        actor.sectors = [taxonomy.sectors[slug] for slug in clean["sectors"]]
    if "collaboration" in clean:
        actor.collaboration = [taxonomy.collaboration[slug] for slug in clean["collaboration"]]
    for record in clean.get("offerings", []):
        _apply_offering(actor, record)
    if slugs is None:
        db.session.flush()
    return actor


def _apply_offering(actor: Actor, record: dict) -> Offering:
    key = (record["kind"], title_key(record["title"]))
    offering = next((o for o in actor.offerings if (o.kind, title_key(o.title)) == key), None)
    if offering is None:
        offering = Offering(kind=record["kind"], description="", scope="regional")
        actor.offerings.append(offering)
    offering.title = record["title"]
    for key, attribute in (("description", "description"), ("scope", "scope"), ("expires", "expires_at")):
        if key in record:
            setattr(offering, attribute, record[key])
    if "tags" in record:
        offering.tags = get_or_create_tags(record["tags"])
    return offering


def actor_record(actor: Actor) -> dict:
    """One actor in the import format, every key present, lists in a stable order."""
    record: dict[str, Any] = {key: getattr(actor, key) for key in ACTOR_FIELDS}
    record["sectors"] = sorted(sector.slug for sector in actor.sectors)
    record["collaboration"] = sorted(form.slug for form in actor.collaboration)
    record["offerings"] = [
        {
            "kind": offering.kind,
            "title": offering.title,
            "description": offering.description,
            "tags": sorted(tag.name for tag in offering.tags),
            "scope": offering.scope,
            "expires": offering.expires_at.isoformat() if offering.expires_at else None,
        }
        for offering in sorted(actor.offerings, key=lambda o: o.id)
    ]
    return record


@dataclass
class ExportReport:
    """How many records an export wrote, and why it left the others out (reason -> count)."""

    written: int = 0
    left_out: Counter = field(default_factory=Counter)
    licences: set = field(default_factory=set)  # of the records written (None: not stated)

    def summary(self, what: str = "") -> str:
        reasons = "; ".join(f"{count} {reason}" for reason, count in sorted(self.left_out.items()))
        left = sum(self.left_out.values())
        text = f"Exported {self.written} organisations" + (f" {what}" if what else "")
        return text + (f"; left out {left}: {reasons}" if left else "")


def listed_actors() -> sa.Select:
    """Every active actor, sorted by slug, with what its record needs loaded up front."""
    return (
        sa.select(Actor)
        .where(Actor.listed)
        .order_by(Actor.slug)
        .options(
            selectinload(Actor.sectors),
            selectinload(Actor.collaboration),
            selectinload(Actor.offerings).selectinload(Offering.tags),
        )
    )


def outside(accepted: frozenset[str] | None, spdx: str | None) -> str | None:
    """Why a record under `spdx` stays out of an export limited to `accepted` licences; None: it goes in."""
    if accepted is None or spdx in accepted:
        return None
    return f"under {spdx or 'no stated licence'}, outside the licences asked for"


def export_actors(
    file: IO[str],
    accepted: frozenset[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> ExportReport:
    """Write every active actor (under the `accepted` licences, when given) as one JSON line, sorted by
    slug, with its licence as innovex.licences states it."""
    report = ExportReport()
    for checked, actor in enumerate(db.session.scalars(listed_actors()), start=1):
        if progress and checked % PROGRESS_EVERY == 0:
            progress(f"{checked} organisations checked")
        spdx = licences.of_actor(actor)
        if reason := outside(accepted, spdx):
            report.left_out[reason] += 1
            continue
        file.write(json.dumps({**actor_record(actor), "licence": spdx}, ensure_ascii=False) + "\n")
        report.written += 1
        report.licences.add(spdx)
    return report
