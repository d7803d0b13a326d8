"""The search page's results: visible hits, facet counts, a page of rows with highlighted snippets."""

import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from innovex import permissions
from innovex.extensions import db
from innovex.models import Actor, Offering, Project, Solution
from innovex.search.engine import on_postgres
from innovex.search.postgres import query as pg
from innovex.search.querytext import excludes
from innovex.search.visible import Hit, filter_visible
from innovex.search.whoosh import query as q
from innovex.search.whoosh import store
from innovex.search.whoosh.analysis import highlight, snippet
from innovex.text import plain_excerpt

log = logging.getLogger(__name__)
FACETS = ("type", "kind", "sector", "country", "stage")


@dataclass
class Item:
    type: str
    url: str
    title: Markup
    snippet: Markup
    meta: list[str] = field(default_factory=list)


@dataclass
class Page:
    """What the template shows; also quacks like a pagination object for the pagination macro."""

    text: str = ""
    items: list[Item] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 20
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    selected: dict[str, str] = field(default_factory=dict)
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)
    degraded: bool = False

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def _facet_values(hit: Hit) -> dict[str, list[str]]:
    f = hit.fields
    return {
        "type": [hit.type],
        "kind": [f["actor_kind"]] if f.get("actor_kind") else [],
        "sector": [s for s in (f.get("sectors") or "").split(",") if s],
        "country": [f["country"]] if f.get("country") else [],
        "stage": [f["stage"]] if f.get("stage") else [],
    }


def _facets(hits: list[Hit], selected: dict[str, str]) -> tuple[list[Hit], dict[str, list[tuple[str, int]]]]:
    """Hits matching every selected facet, and per facet the counts under the other facets' selections."""
    values = [(hit, _facet_values(hit)) for hit in hits]

    def matches(vals: dict[str, list[str]], skip: str | None) -> bool:
        return all(v in vals[name] for name, v in selected.items() if name != skip)

    counts: dict[str, list[tuple[str, int]]] = {}
    for name in FACETS:
        tally: dict[str, int] = {}
        for _hit, vals in values:
            if matches(vals, name):
                for value in vals[name]:
                    tally[value] = tally.get(value, 0) + 1
        counts[name] = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    return [hit for hit, vals in values if matches(vals, None)], counts


FEW = 10  # fewer results than this matching all the words: those matching some of them follow


def search_page(text: str, viewer, args: dict, per_page: int = 20) -> Page:
    """Run a search for the page: parse, query, check visibility, count facets, load one page of rows."""
    selected = {name: args[name] for name in FACETS if args.get(name)}
    page = Page(text=text, per_page=per_page, selected=selected)
    try:
        page.page = max(1, min(int(args.get("page") or 1), 1000))
    except (TypeError, ValueError):
        page.page = 1
    if not text.strip():
        return page
    if on_postgres():
        _search(page, viewer, _POSTGRES)
        return page
    try:
        _search(page, viewer, _WHOOSH)
    except store.IndexUnavailable:
        log.warning("search index unavailable; using the database fallback")
        _search_database(page, viewer)
    return page


@dataclass(frozen=True)
class _Engine:
    """What the search page needs of an engine: parse the text (all words, or any word), run the parsed
    query, suggest a spelling, and the terms the snippets highlight."""

    parse: Callable[..., Any]
    run: Callable[[Any, int], list[Hit]]
    suggest: Callable[[Any], str | None]
    terms: Callable[[Any], tuple[set[str], set[str]]]


_WHOOSH = _Engine(
    parse=q.parse,
    run=lambda parsed, limit: q.run(parsed.query, limit),
    suggest=lambda parsed: q.spelling_suggestion(parsed.text),
    terms=lambda parsed: q.query_terms(parsed.query),
)
_POSTGRES = _Engine(
    parse=pg.parse, run=pg.run, suggest=pg.spelling_suggestion, terms=lambda parsed: parsed.terms()
)


def _search(page: Page, viewer, engine: _Engine) -> None:
    parsed = engine.parse(page.text)
    page.notices += parsed.notices
    if parsed.empty:
        page.notices.append(_("Please enter a word to search for."))
        return
    limit = current_app.config["SEARCH_MAX_HITS"]
    hits = filter_visible(engine.run(parsed, limit), viewer)
    if len(hits) < FEW and not excludes(page.text):  # all the words first, then some of them
        broader = engine.parse(page.text, any_word=True)
        seen = {(hit.type, hit.pk) for hit in hits}
        more = [
            hit
            for hit in filter_visible(engine.run(broader, limit), viewer)
            if (hit.type, hit.pk) not in seen
        ]
        if more and not hits:
            page.notices.append(_("Nothing matched all your words; showing results that match some of them."))
        elif more:
            page.notices.append(
                _("Few results matched all your words; after them come results that match some.")
            )
        if more:
            hits += more[: limit - len(hits)]
            parsed = broader
    if not hits:
        page.suggestion = engine.suggest(parsed)
    _fill(page, hits, *engine.terms(parsed))


def _fill(page: Page, hits: list[Hit], terms: set[str], grams: set[str]) -> None:
    """Facet counts, the total and one page of items from the visible hits."""
    hits, page.facets = _facets(hits, page.selected)
    page.total = len(hits)
    start = (page.page - 1) * page.per_page
    page.items = _items(hits[start : start + page.per_page], terms, grams)


def _load(model, ids: list[int], *options) -> dict[int, object]:
    if not ids:
        return {}
    return {
        row.id: row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*options))
    }


def _items(hits: list[Hit], terms: set[str], grams: set[str]) -> list[Item]:
    actors = _load(Actor, [h.pk for h in hits if h.type == "actor"])
    offerings = _load(Offering, [h.pk for h in hits if h.type == "offering"], selectinload(Offering.actor))
    projects = _load(Project, [h.pk for h in hits if h.type == "project"], selectinload(Project.actor))
    solutions = _load(Solution, [h.pk for h in hits if h.type == "solution"], selectinload(Solution.builders))
    loaded = {"actor": actors, "offering": offerings, "project": projects, "solution": solutions}
    items = []
    for hit in hits:
        row = loaded[hit.type].get(hit.pk)
        if row is not None:
            items.append(_item(hit.type, row, terms, grams))
    return items


def script_rows(hits: list[Hit], terms: set[str], grams: set[str]) -> list[dict]:
    """What a script needs of each hit (`flask search query --json`): plain-text name and snippet, the
    path of its page, and the slug of that page (the organisation's, for an offering); needs a request
    context for url_for."""

    def ids(doc_type: str) -> list[int]:
        return [h.pk for h in hits if h.type == doc_type]

    loaded = {
        "actor": _load(Actor, ids("actor")),
        "offering": _load(Offering, ids("offering"), selectinload(Offering.actor)),
        "project": _load(Project, ids("project"), selectinload(Project.actor)),
        "solution": _load(Solution, ids("solution"), selectinload(Solution.builders)),
    }
    rows = []
    for hit in hits:
        row = loaded[hit.type].get(hit.pk)
        if row is None:
            continue
        item = _item(hit.type, row, terms, grams)
        slug = row.actor.slug if hit.type == "offering" else row.slug
        rows.append(
            {
                "type": hit.type,
                "id": hit.pk,
                "slug": slug,
                "name": item.title.striptags(),
                "url": item.url,
                "score": round(hit.score, 3),
                "snippet": item.snippet.striptags(),
            }
        )
    return rows


# Anything that Markdown or the sanitiser could turn into something else than the same words.
_MARKUP = re.compile(r"[\\`*_#<>&\[\]!|~=+]|^\s*(?:-|\d+[.)])|^ {4}|\t", re.MULTILINE)


def plain_text(source: str | None, length: int = 2000) -> str:
    """plain_excerpt() for the snippets, without rendering Markdown when the text has nothing Markdown or
    HTML would change (most descriptions): rendering and sanitising cost a millisecond per row."""
    if source and not _MARKUP.search(source):
        text = " ".join(source.split())
        return text if len(text) <= length else text[: length - 1].rstrip() + "…"
    return _rendered_excerpt(source, length)


@lru_cache(maxsize=1024)
def _rendered_excerpt(source: str | None, length: int) -> str:
    return plain_excerpt(source, length)


def _item(doc_type: str, row, terms: set[str], grams: set[str]) -> Item:
    if doc_type == "actor":
        meta = [str(x) for x in (row.city, row.country) if x]
        return Item(
            "actor",
            url_for("actors.detail", slug=row.slug),
            highlight(row.name, terms, grams),
            snippet(plain_text(row.description), terms, grams),
            meta,
        )
    if doc_type == "offering":
        url = url_for("actors.detail", slug=row.actor.slug, _anchor=f"offering-{row.id}")
        return Item(
            "offering",
            url,
            highlight(row.title, terms, grams),
            snippet(plain_text(row.description), terms, grams),
            [row.actor.name],
        )
    if doc_type == "solution":
        return Item(
            "solution",
            url_for("solutions.detail", slug=row.slug),
            highlight(row.title, terms, grams),
            snippet(f"{row.summary} {plain_text(row.body)}", terms, grams),
            [", ".join(actor.name for actor in row.builders)],
        )
    text = f"{row.summary} {plain_text(row.body)}"
    return Item(
        "project",
        url_for("projects.detail", slug=row.slug),
        highlight(row.title, terms, grams),
        snippet(text, terms, grams),
        [row.actor.name],
    )


def _search_database(page: Page, viewer) -> None:
    """A plain LIKE search while the index is rebuilt, so the page keeps working (no facets, no ranking)."""
    page.degraded = True
    page.notices.append(_("The search index is being rebuilt; these results are simplified."))
    like = f"%{page.text.strip()[:100]}%"
    actors = db.session.scalars(
        sa.select(Actor).where(Actor.name.ilike(like), permissions.visible_actors_filter(viewer)).limit(50)
    ).all()
    projects = db.session.scalars(
        sa.select(Project)
        .where(sa.or_(Project.title.ilike(like), Project.summary.ilike(like)))
        .where(permissions.visible_projects_filter(viewer), Project.visibility != "draft")
        .limit(50)
    ).all()
    rows = [("actor", a) for a in actors] + [("project", p) for p in projects]
    page.total = len(rows)
    start = (page.page - 1) * page.per_page
    page.items = [_item(t, row, set(), set()) for t, row in rows[start : start + page.per_page]]
