"""`flask actors ...`: import, export and look after organisation profiles."""

import click
from flask import current_app
from flask.cli import AppGroup

from innovex import licences
from innovex.actors.importers.common import DEFAULT_KIND
from innovex.actors.importers.errors import ImportFileError
from innovex.actors.importers.formats import FORMATS, import_file
from innovex.actors.importexport import export_actors, listed_actors
from innovex.actors.kvm_export import export_kvm
from innovex.actors.location import geocode_unplaced
from innovex.datacoop.freshness import remind_stale_owners
from innovex.extensions import db
from innovex.search import make_searchable
from innovex.vocab import ACTOR_KINDS

actors_cli = AppGroup("actors", help="Import, export and look after organisation profiles.")


@actors_cli.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8", atomic=True, lazy=False))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["jsonl", "kvm"]),
    default="jsonl",
    show_default=True,
    help="jsonl: every field, the innovex import format; kvm: Karte von morgen entries (public fields, only "
    "records under CC0 or ODbL with a description and an exact point).",
)
@click.option(
    "--licence",
    type=click.Choice(list(licences.FILTERS)),
    help="Only the records under licences a partner accepts: cc0 (CC0 only), odbl (CC0 and ODbL).",
)
def export_command(file, format_, licence):
    """Write the active organisations to FILE ("-" for standard output), each with its licence; the
    summary says how many were left out and why."""
    accepted = licences.accepted_by(licence)
    if format_ == "kvm":
        # Each entry links to its innovex profile: outside a request the host comes from BASE_URL.
        with current_app.test_request_context("/", base_url=current_app.config["BASE_URL"]):
            report = export_kvm(file, db.session.scalars(listed_actors()), accepted, _progress)
        what = "as Karte von morgen entries"
    else:
        report = export_actors(file, accepted, _progress)
        what = "as JSON Lines"
    click.echo(report.summary(what + (f" ({licence} only)" if licence else "")), err=True)


def _progress(line: str) -> None:
    click.echo(line, err=True)


@actors_cli.command("import")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    help="jsonl (the innovex format), geojson (OpenStreetMap-style properties), murmurations, kvm "
    "(Karte von morgen) or csv; detected from the file name and content when left out.",
)
@click.option(
    "--map",
    "mapping",
    metavar="KEY=COLUMN,...",
    help="CSV only: which column gives which field, e.g. name=Name,city=Stadt,postcode=PLZ; columns not "
    "named are guessed from their headers, and the dry run shows the mapping.",
)
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid records and list the invalid ones.")
@click.option(
    "--kind",
    type=click.Choice(list(ACTOR_KINDS)),
    help="Kind of new organisations whose name and tags say none (geojson, murmurations, kvm, csv); "
    f"default {DEFAULT_KIND}.",
)
def import_command(file, format_, mapping, dry_run, skip_invalid, kind):
    """Create or update organisations from FILE; the formats are described in docs/import-format.md."""
    try:
        format_, report = import_file(
            file.read(),
            filename=file.name,
            format=format_,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=lambda text: click.echo(text, err=True),
            fallback_kind=kind,
            mapping=mapping,
        )
    except ImportFileError as error:
        db.session.rollback()
        click.echo(f"{file.name}: {error}", err=True)
        click.echo("Nothing was imported.", err=True)
        raise click.exceptions.Exit(1) from None
    for note in report.notes:
        click.echo(note, err=not dry_run)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        click.echo(error, err=True)
    if dry_run:
        for action in report.actions:
            click.echo(action)
    if dry_run or report.failed:
        db.session.rollback()
    else:
        db.session.commit()
        make_searchable(lambda line: click.echo(line, err=True))
    if report.failed and not dry_run:
        click.echo("Nothing was imported: correct the records above or use --skip-invalid.", err=True)
    click.echo(f"{report.summary()} ({format_})")
    if report.failed:
        raise click.exceptions.Exit(1)


@actors_cli.command("geocode")
@click.option("--dry-run", is_flag=True, help="Look the addresses up and show the points; write nothing.")
@click.option("--limit", type=click.IntRange(min=1), help="Look up at most this many organisations.")
def geocode_command(dry_run, limit):
    """Give organisations with an address but no point one: from the geocoder (GEOCODER_URL, once a second)
    or at their city's centre; points picked by owners or imported are never touched."""
    report = geocode_unplaced(
        limit=limit,
        echo=lambda line: click.echo(line, err=True),
        checkpoint=None if dry_run else db.session.commit,
    )
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
        make_searchable(lambda line: click.echo(line, err=True))
    click.echo(report.summary(dry_run))


@actors_cli.command("remind")
def remind_command():
    """Email the owners of profiles unconfirmed for a year a "still correct?" link (for a daily cron job)."""
    remind_stale_owners(echo=True)
    db.session.commit()
