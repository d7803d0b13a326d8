"""The one door into search: packages outside innovex/search/ import from here and nowhere else.

- `search_page(text, viewer, args)`: the search page's results, facets and "did you mean".
- `actor_ids(text, viewer)`: ids of the organisations a text finds (the directory's text filter).
- Matching: `Source` (a weighted piece of what is looked for), `Matcher(target).top(key, sources, limit)`
  (the best profiles or open projects, cached), `explain`, `overlap`, `key_terms` (why and how well a text
  fits a plan), `matched_words` and `coverage` (the found text's own words that matched, and whether a need
  is answered fully or in part), `highlight`, `snippet` and `analysed_terms` (the engine's word analysis).
- Upkeep: `make_searchable`, `rebuild`, `check`, `drain`, `pending_count`, `index_health` (for /healthz),
  `reindex(rows)` (queue the documents of rows whose indexed text changed elsewhere, e.g. a renamed tag),
  `take_over_index` (Whoosh: this host's index consumes the outbox from now on, e.g. after a restore).
- `blueprint` (the search page) and `search_cli` (`flask search ...`) for the app factory.
- `SearchUnavailable`: raised when there is no usable index (callers show a notice, never a 500).

The engine is `SEARCH_ENGINE`: Whoosh (innovex/search/whoosh/, one host) or PostgreSQL full-text search
(innovex/search/postgres/, any number of hosts); the functions here dispatch to it, and a test keeps every
other package behind this module.
"""

from innovex.search.cli import make_searchable, search_cli
from innovex.search.documents import offerings_public
from innovex.search.engine import on_postgres
from innovex.search.maintenance import check, index_health, rebuild, take_over_index
from innovex.search.outbox import drain_all as drain
from innovex.search.outbox import pending_count, reindex
from innovex.search.postgres import query as _pg_query
from innovex.search.postgres import similar as _pg_similar
from innovex.search.querytext import excludes
from innovex.search.results import FEW, search_page
from innovex.search.views import bp as blueprint
from innovex.search.whoosh import similar as _whoosh_similar
from innovex.search.whoosh.analysis import analysed_terms, highlight, snippet
from innovex.search.whoosh.query import search_actor_ids as _whoosh_actor_ids
from innovex.search.whoosh.similar import (
    KEY_TERMS,
    Match,
    Plan,
    Source,
    WordMatch,
    coverage,
    explain,
    matched_words,
    overlap,
)
from innovex.search.whoosh.store import IndexUnavailable as SearchUnavailable


def actor_ids(text: str, viewer, limit: int = 200) -> list[int]:
    """Ids of the visible organisations a text finds by their profile or offerings, best first; when
    fewer than FEW match all of its words, those matching some of them follow (as on the search page)."""
    find = _pg_query.actor_ids if on_postgres() else _whoosh_actor_ids
    found = find(text, viewer, limit)
    if len(found) < FEW and not excludes(text):
        found += [i for i in find(text, viewer, limit, any_word=True) if i not in found][: limit - len(found)]
    return found


def key_terms(text: str, count: int = KEY_TERMS) -> list[str]:
    """The most distinctive terms of a long text (a project's body), for its matching sources."""
    if on_postgres():
        return _pg_similar.key_terms(text, count)
    return _whoosh_similar.key_terms(text, count)


class Matcher:
    """The best documents of one target ("profiles" or "open_projects") for a set of sources, on the
    app's engine; Whoosh results are cached under the caller's key (see whoosh/similar.py ResultCache),
    PostgreSQL ones are not (every host must see every commit at once, and the query is cheap)."""

    def __init__(self, target: str, size: int = 256):
        self.target = target
        self._whoosh = _whoosh_similar.Matcher(target, size)
        self.cache = self._whoosh.cache

    def top(self, key: object, sources: list[Source], limit: int) -> tuple[Plan, list[Match]]:
        if on_postgres():
            return _pg_similar.top(self.target, sources, limit)
        return self._whoosh.top(key, sources, limit)


__all__ = [
    "Match",
    "Matcher",
    "Plan",
    "SearchUnavailable",
    "Source",
    "WordMatch",
    "actor_ids",
    "blueprint",
    "analysed_terms",
    "check",
    "coverage",
    "drain",
    "explain",
    "highlight",
    "index_health",
    "key_terms",
    "make_searchable",
    "matched_words",
    "offerings_public",
    "overlap",
    "pending_count",
    "reindex",
    "rebuild",
    "search_cli",
    "search_page",
    "snippet",
    "take_over_index",
]
