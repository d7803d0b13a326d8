"""`flask search ...`: rebuild, check, drain, worker and query."""

import json
import time

import click
from flask.cli import AppGroup

from innovex.search import maintenance, outbox
from innovex.search.engine import on_postgres
from innovex.search.outbox import index_root
from innovex.search.postgres import query as pg
from innovex.search.results import script_rows
from innovex.search.visible import filter_visible
from innovex.search.whoosh import store
from innovex.search.whoosh.query import parse, query_terms, run

search_cli = AppGroup("search", help="Look after the search index.")
TYPES = {"actors": "actor", "projects": "project", "offerings": "offering", "solutions": "solution"}


@search_cli.command("rebuild")
def rebuild_command():
    """Build a fresh index beside the live one and swap it in."""
    _build(click.echo, progress=lambda line: click.echo(line, err=True))


@search_cli.command("check")
@click.option("--repair/--no-repair", default=True, help="Queue and apply fixes for any drift found.")
def check_command(repair):
    """Compare the index with the database (missing, extra, stale documents)."""
    try:
        report = maintenance.check(repair=repair)
    except store.IndexUnavailable as error:
        raise click.ClickException(f"index unavailable ({error}); run `flask search rebuild`") from error
    for label, keys in (("missing", report.missing), ("extra", report.extra), ("stale", report.stale)):
        if keys:
            click.echo(f"  {label}: {', '.join(keys[:20])}{' …' if len(keys) > 20 else ''}")
    action = "repaired" if repair and report.drift else "found"
    click.echo(
        f"check: {len(report.missing)} missing, {len(report.extra)} extra, {len(report.stale)} stale; "
        f"{report.drift} {action}"
    )


@search_cli.command("drain")
def drain_command():
    """Apply pending outbox rows to the index once."""
    maintenance.ensure_index(_app())
    applied = outbox.drain_all()
    click.echo(f"drained: {applied} changes applied, {outbox.pending_count()} pending")


@search_cli.command("worker")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls of the outbox.")
def worker_command(interval):
    """Drain the outbox continuously (for deployments with several processes); stop with Ctrl-C."""
    maintenance.ensure_index(_app())
    if on_postgres():
        click.echo("search worker: not needed with the PostgreSQL search engine (rows are written at commit)")
        return
    click.echo(f"search worker: polling every {interval}s; Ctrl-C stops")
    total = 0
    try:
        while True:
            applied = outbox.drain_all()
            if applied:
                total += applied
                click.echo(f"  applied {applied} (total {total})")
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo(f"search worker stopped: {total} changes applied")


@search_cli.command("query")
@click.argument("text")
@click.option("--type", "doc_type", type=click.Choice(sorted(TYPES)), help="Only this kind of result.")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def query_command(text, doc_type, limit, as_json):
    """Print ranked results for TEXT, as an anonymous visitor would see them."""
    types = (TYPES[doc_type],) if doc_type else None
    if on_postgres():
        maintenance.ensure_index(_app())
        parsed = pg.parse(text)
        hits = filter_visible(pg.run(parsed, max(limit * 3, 50), types), None)[:limit]
        _print_hits(text, parsed.notices, hits, parsed.terms(), as_json)
        return
    if not store.is_healthy(index_root()):
        click.echo("The search index is missing or unreadable; building it now…", err=True)
        _build(lambda line: click.echo(line, err=True))
    parsed = parse(text)
    hits = filter_visible(run(parsed.query, max(limit * 3, 50), types), None)[:limit]
    _print_hits(text, parsed.notices, hits, query_terms(parsed.query), as_json)


def _print_hits(text, notices, hits, terms, as_json) -> None:
    with _app().test_request_context():
        rows = script_rows(hits, *terms)
    if as_json:
        click.echo(json.dumps({"query": text, "notices": notices, "results": rows}, ensure_ascii=False))
        return
    for notice in notices:
        click.echo(f"note: {notice}")
    for rank, row in enumerate(rows, 1):
        click.echo(f"{rank:3}. {row['score']:8.3f}  {row['type']}:{row['id']}  {row['name']}  {row['url']}")
    click.echo(f"{len(rows)} results")


def make_searchable(echo=click.echo) -> None:
    """After a command wrote rows: bring the index up to date (drain the outbox, or build the index when it
    is missing or unreadable), with progress and a one-line summary through `echo`. On PostgreSQL the rows
    were written with the command's commits; only an empty table (after an upgrade) is filled."""
    if on_postgres():
        maintenance.ensure_index(_app())
        echo("search index: changes applied with each commit (PostgreSQL full-text search)")
        return
    if store.is_healthy(index_root()):
        applied = outbox.drain_all()
        pending = outbox.pending_count()
        note = f", {pending} pending (run `flask search drain`)" if pending else ""
        echo(f"search index: {applied} changes applied{note}")
        return
    if store.never_built(index_root()):
        echo("search index: building it for the first time…")
    else:
        echo("search index missing or unreadable; building it…")
    _build(echo)


def _build(echo, progress=None) -> None:
    """Build the index beside the live one and swap it in: progress per type, then one summary line."""
    progress = progress or echo
    started = time.monotonic()
    count = maintenance.rebuild(lambda doc_type, n: progress(f"  {n} documents ({doc_type}s)…"))
    if count is None:
        raise click.ClickException("another process is rebuilding the search index; try again shortly")
    echo(f"search index built (rebuilt: {count} documents) in {time.monotonic() - started:.1f}s")


def _app():
    from flask import current_app

    return current_app._get_current_object()
