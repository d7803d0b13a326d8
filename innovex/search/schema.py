"""The one index schema: organisations, offerings and projects as documents told apart by `type`.

One index rather than three: a single writer lock and outbox drain, one searcher per thread, and one ranked
result list across types for the search page (whose facets then count types like any other facet).
"""

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from innovex.search.analysis import gram_analyzer, text_analyzer, word_analyzer

DOC_TYPES = ("actor", "offering", "project")

# Query-time weights of the text fields; the search page and matching both start from these.
FIELD_BOOSTS = {
    "title": 4.0,
    "grams": 1.2,
    "tags": 2.5,
    "competencies": 2.5,
    "offers": 2.0,
    "needs": 1.0,
    "summary": 1.5,
    "body": 1.0,
    "topics": 1.2,
    "place": 1.0,
    "misc": 0.8,
}
TEXT_FIELDS = tuple(FIELD_BOOSTS)


def _text(stored: bool = False) -> TEXT:
    # "or": a word that yields two stems (German and English) matches either of them.
    return TEXT(analyzer=text_analyzer(), stored=stored, multitoken_query="or")


def build_schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),  # "actor:12"
        type=ID(stored=True),
        pk=STORED(),
        owner=ID(stored=True),  # the organisation an offering or project belongs to (its id)
        title=_text(),
        grams=TEXT(analyzer=gram_analyzer(), multitoken_query="or"),
        tags=_text(),
        competencies=_text(),
        offers=_text(),
        needs=_text(),
        summary=_text(),
        body=_text(),
        topics=_text(),
        place=_text(),
        misc=_text(),
        spell=TEXT(analyzer=word_analyzer()),
        kind=ID(stored=True),  # actor kind, or offer/need for offerings
        actor_kind=ID(stored=True),
        country=ID(stored=True),
        stage=ID(stored=True),
        status=ID(stored=True),
        audience=ID(stored=True),  # public or network: a cheap pre-filter; the database has the last word
        sectors=KEYWORD(stored=True, commas=True),
        updated=NUMERIC(stored=True),  # the row's updated_at as a timestamp, for `search check`
    )
