"""`flask search ...`: rebuild, check, drain, worker, takeover and query."""

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask.cli import AppGroup

from innovex.search import holder, maintenance, outbox
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
    with _refusal_stops_command():
        if not on_postgres():
            _consume_here(click.echo)
        maintenance.ensure_index(_app())
        applied = outbox.drain_all(strict=True)
    click.echo(f"drained: {applied} changes applied, {outbox.pending_count()} pending")


@search_cli.command("worker")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls of the outbox.")
def worker_command(interval):
    """Drain the outbox continuously (for deployments with several processes); stop with Ctrl-C."""
    if on_postgres():
        maintenance.ensure_index(_app())
        click.echo("search worker: not needed with the PostgreSQL search engine (rows are written at commit)")
        return
    with _refusal_stops_command():
        _consume_here(click.echo)
        maintenance.ensure_index(_app())
        click.echo(f"search worker: polling every {interval}s; Ctrl-C stops")
        _poll(interval)


def _poll(interval: float) -> None:
    total = 0
    try:
        while True:
            applied = outbox.drain_all(strict=True)  # another host's takeover ends the worker (NotHolder)
            if applied:
                total += applied
                click.echo(f"  applied {applied} (total {total})")
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo(f"search worker stopped: {total} changes applied")


@search_cli.command("takeover")
def takeover_command():
    """Make this host's index the one that consumes the outbox (the old host is gone), and rebuild it."""
    if on_postgres():
        click.echo("search takeover: not needed with the PostgreSQL search engine (no local index)")
        return
    previous = holder.take_over(index_root())
    if previous is None:
        click.echo("search takeover: no index held the outbox; this one does now")
    else:
        click.echo(f"search takeover: this index consumes the outbox now, instead of {previous.place}")
        if previous.age() < holder.stale_after():
            click.echo(
                f"  {previous.place} was last active {previous.age():.0f}s ago: if it still serves, it stops "
                "consuming now and its searches miss new edits; stop it or switch it to this index",
                err=True,
            )
    _build(click.echo, progress=lambda line: click.echo(line, err=True))


def _consume_here(echo) -> None:
    """Make sure this host's index consumes the outbox (holder.NotHolder when another host's does, see
    holder.py); after taking over from a silent one, rebuild this index, as it missed what that consumed."""
    if holder.claim(index_root()):
        echo("search index: the index consuming the outbox fell silent; this one takes over, rebuilding it")
        _build(echo)


@contextmanager
def _refusal_stops_command() -> Iterator[None]:
    """A refusal to consume ends the command with its message and exit status 1."""
    try:
        yield
    except holder.NotHolder as error:
        raise click.ClickException(str(error)) from None


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
    try:
        _consume_here(echo)
    except holder.NotHolder as refused:
        echo(f"search index: not updated on this host ({outbox.pending_count()} pending): {refused}")
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
