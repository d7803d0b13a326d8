"""The one index schema: organisations, offerings and projects as documents told apart by `type`.

One index rather than three: a single writer lock and outbox drain, one searcher per thread, and one ranked
result list across types for the search page (whose facets then count types like any other facet).

What people type is searched in four fields only: a catch-all `text` (every searchable word of the document,
German and English stems at the same position), `title` and `tags` again for their boosts, and `grams` (word
prefixes and suffixes of the short fields, for German compounds). Expanding a word over a dozen fields made
every query a union of twenty-odd posting lists. No field stores positions: they tripled the size of the
posting blocks a query of common words has to read (at 100,000 organisations, a third of its time), so a
quoted phrase finds documents with all its words rather than the words side by side.

Matching reads fields that only one type of document has, so that its long queries walk no postings of
documents it would throw away: `offers` and `profile` (organisations), `needs` and `project` (projects).

Bump SCHEMA_VERSION with every change here: an index stamped with another version is treated as unusable
and rebuilt (at start-up, `flask search drain/worker`, or `flask search rebuild`).
"""

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Existence

from innovex.search.whoosh.analysis import gram_analyzer, text_analyzer, word_analyzer

SCHEMA_VERSION = 3
DOC_TYPES = ("actor", "offering", "project", "solution")

# Query-time weights of the fields the search page parses user input into.
FIELD_BOOSTS = {
    "title": 4.0,
    "tags": 2.5,
    "text": 1.0,
    "grams": 1.2,
}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
PHRASE_FIELDS: frozenset[str] = frozenset()  # the fields that store positions (for quoted phrases)


def _text() -> TEXT:
    # "or": a word that yields two stems (German and English) matches either of them.
    return TEXT(analyzer=text_analyzer(), phrase=False, multitoken_query="or")


def _grams() -> TEXT:
    field = TEXT(analyzer=gram_analyzer(), phrase=False, multitoken_query="or")
    field.format = Existence()  # a part either occurs or not: no frequencies, smaller postings
    return field


def build_schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),  # "actor:12"
        type=ID(stored=True),
        pk=STORED(),
        owner=ID(stored=True),  # the organisation an offering or project belongs to (its id)
        title=_text(),
        tags=_text(),
        text=_text(),
        grams=_grams(),
        offers=_text(),  # organisations only: their live offers (titles, tags, descriptions)
        profile=_text(),  # organisations only: name, description, sectors, collaboration forms
        needs=_text(),  # projects only: needed competencies and tags
        project=_text(),  # projects only: title, summary, body, sectors
        spell=TEXT(analyzer=word_analyzer(), phrase=False),
        kind=ID(stored=True),  # actor kind, or offer/need for offerings
        actor_kind=ID(stored=True),
        country=ID(stored=True),
        stage=ID(stored=True),
        status=ID(stored=True),
        audience=ID(stored=True),  # public or network: a cheap pre-filter; the database has the last word
        sectors=KEYWORD(stored=True, commas=True),
        updated=NUMERIC(stored=True),  # the row's updated_at as a timestamp, for `search check`
    )
