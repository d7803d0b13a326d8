"""The one door into search: packages outside innovex/search/ import from here and nowhere else.

- `search_page(text, viewer, args)`: the search page's results, facets and "did you mean".
- `actor_ids(text, viewer)`: ids of the organisations a text finds (the directory's text filter).
- Matching: `Source` (a weighted piece of what is looked for), `Matcher(target).top(key, sources, limit)`
  (the best profiles or open projects, cached), `explain`, `overlap`, `key_terms` (why and how well a text
  fits a plan), `matched_words` and `coverage` (the found text's own words that matched, and whether a need
  is answered fully or in part), `highlight`, `snippet` and `analysed_terms` (the engine's word analysis).
- Upkeep: `make_searchable`, `rebuild`, `check`, `drain`, `pending_count`, `index_health` (for /healthz).
- `blueprint` (the search page) and `search_cli` (`flask search ...`) for the app factory.
- `SearchUnavailable`: raised when there is no usable index (callers show a notice, never a 500).

The engine is Whoosh (innovex/search/whoosh/); a test keeps every other package behind this module.
"""

from innovex.search.cli import make_searchable, search_cli
from innovex.search.documents import offerings_public
from innovex.search.maintenance import check, index_health, rebuild
from innovex.search.outbox import drain_all as drain
from innovex.search.outbox import pending_count
from innovex.search.results import search_page
from innovex.search.views import bp as blueprint
from innovex.search.whoosh.analysis import analysed_terms, highlight, snippet
from innovex.search.whoosh.query import search_actor_ids as actor_ids
from innovex.search.whoosh.similar import (
    Match,
    Matcher,
    Plan,
    Source,
    WordMatch,
    coverage,
    explain,
    key_terms,
    matched_words,
    overlap,
)
from innovex.search.whoosh.store import IndexUnavailable as SearchUnavailable

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
    "rebuild",
    "search_cli",
    "search_page",
    "snippet",
]
