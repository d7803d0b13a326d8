"""The search page, the directory filter and "did you mean" on PostgreSQL.

User input goes through `websearch_to_tsquery` (quotes, `or`, `-word`; it never raises on malformed input)
with the 'simple', 'german' and 'english' configurations, ranked by `ts_rank_cd` over the weighted vector.
A word of four letters or more also finds the names and tags that contain it (pg_trgm's index serves the
ILIKE), so that "Lastenrad" finds "Lastenradverleih"."""

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from innovex.extensions import db
from innovex.search.postgres.similar import known_words
from innovex.search.querytext import clean
from innovex.search.synonyms import candidate_parts, variants
from innovex.search.visible import Hit, visible_owners
from innovex.search.whoosh.analysis import MIN_GRAM, STOP_WORDS, analysed_terms, fold, stems

WEIGHTS = "{0.1, 0.25, 0.5, 1.0}"  # D, C, B, A: ts_rank_cd's order
GRAM_BONUS = 0.3  # a compound part found in a name or tag
_SPECIAL = re.compile(r"[\\%_]")


@dataclass
class Query:
    """A user's text as the engine runs it: the text, its plain words, and its compound parts."""

    text: str
    words: list[str] = field(default_factory=list)
    grams: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    any_word: bool = False

    @property
    def empty(self) -> bool:
        return not self.words

    def terms(self) -> tuple[set[str], set[str]]:
        """What the snippets highlight: the stems of the words, and the compound parts."""
        return set(analysed_terms(" ".join(self.words))), set(self.grams)


def parse(text: str | None, any_word: bool = False) -> Query:
    text, notices = clean(text)
    positive = re.findall(r"(?:^|\s)([^\s-][^\s]*)", text)  # words not excluded with "-"
    plain = [fold(w) for token in positive for w in re.findall(r"\w+", token)]
    plain = [w for w in plain if w != "or" and w not in STOP_WORDS] or [w for w in plain if w != "or"]
    grams = []
    for word in plain:
        stem = stems(word)[0]
        gram = stem if len(stem) >= MIN_GRAM else word
        if len(gram) >= MIN_GRAM and gram not in grams:
            grams.append(gram)
    if any_word:
        return Query(_or(" or ".join(plain), _variants(plain, text, any_word)), plain, grams, notices, True)
    # Compound parts only stand in for whole words when every word has one and none is excluded ("-x").
    whole = len(grams) == len(plain) and len(positive) == len(text.split())
    return Query(_or(fold(text), _variants(plain, text, any_word)), plain, grams if whole else [], notices)


def _or(text: str, variants: list[list[str]]) -> str:
    """websearch_to_tsquery's text for the query or its variants ("a b or c d" is (a & b) | (c & d))."""
    return " or ".join([text, *(" ".join(v) for v in variants)])


def _variants(plain: list[str], text: str, any_word: bool) -> list[list[str]]:
    """The query's words said another way (search/synonyms.py), only for plain words: no quotes, no "-x",
    no "or". A query needing any word gets the variants of each word no document has. A tsquery cannot
    weigh its parts, so here a variant counts as much as the words as typed."""
    if not plain or '"' in text or re.search(r"(?:^|\s)-", text) or "or" in plain:
        return []
    parts = candidate_parts(plain)
    asked = parts | {s for word in plain for s in (word, *stems(word))} if any_word else parts
    known_parts = known_words(asked) if asked else set()

    def known(word: str) -> bool:
        return any(s in known_parts for s in (word, *stems(word)))

    found = variants(plain, known)
    if any_word and len(plain) > 1:
        found += [v for word in plain if not known(word) for v in variants([word], known) if v not in found]
    return found


def _like(gram: str) -> str:
    return "%" + _SPECIAL.sub(lambda m: "\\" + m.group(), gram) + "%"


def run(query: Query, limit: int, doc_types: tuple[str, ...] | None = None) -> list[Hit]:
    """The best documents for a query, as hits (not yet checked for visibility)."""
    if query.empty:
        return []
    params: dict = {"q": query.text, "limit": limit}
    grams = (" OR " if query.any_word else " AND ").join(
        f"d.names ILIKE :g{i}" for i in range(len(query.grams))
    ) or "FALSE"
    params |= {f"g{i}": _like(g) for i, g in enumerate(query.grams)}
    only = "AND d.doc_type IN :types" if doc_types else ""
    # The matches of the text and of the compound parts are found apart and joined: each half uses its GIN
    # index, where one WHERE with OR made the planner scan and test every row (3x slower at 10,000).
    statement = sa.text(
        f"""
        WITH q AS MATERIALIZED (
            SELECT websearch_to_tsquery('simple', :q) || websearch_to_tsquery('german', :q)
                   || websearch_to_tsquery('english', :q) AS query),
        found AS (
            SELECT d.doc_type, d.doc_id FROM search_documents d, q WHERE d.vector @@ q.query {only}
            UNION
            SELECT d.doc_type, d.doc_id FROM search_documents d WHERE ({grams}) {only})
        SELECT d.doc_type, d.doc_id, d.owner_id, d.actor_kind, d.country, d.stage, d.sectors,
               ts_rank_cd('{WEIGHTS}', d.vector, q.query)
               + CASE WHEN ({grams}) THEN {GRAM_BONUS} ELSE 0 END AS score
        FROM found JOIN search_documents d USING (doc_type, doc_id), q
        ORDER BY score DESC, d.doc_type, d.doc_id
        LIMIT :limit
        """  # noqa: S608 - only placeholders and constants are formatted in
    )
    if doc_types:
        statement = statement.bindparams(sa.bindparam("types", expanding=True))
        params["types"] = list(doc_types)
    return [
        Hit(
            t,
            pk,
            float(score),
            {
                "type": t,
                "pk": pk,
                "owner": str(owner),
                "actor_kind": actor_kind,
                "country": country,
                "stage": stage,
                "sectors": sectors,
            },
        )
        for t, pk, owner, actor_kind, country, stage, sectors, score in db.session.execute(statement, params)
    ]


def spelling_suggestion(query: Query) -> str | None:
    """The query with each unknown word (four letters or more) replaced by the closest known word of a
    public document's names, tags, sectors and places (pg_trgm finds the candidates), if any changed."""
    changed = False
    out = []
    for word in query.words:
        if not word.isalpha() or len(word) <= 3:
            out.append(word)
            continue
        rows = db.session.scalars(
            sa.text(
                "SELECT spell FROM search_documents WHERE :w <% spell "
                "ORDER BY word_similarity(:w, spell) DESC LIMIT 20"
            ),
            {"w": word},
        )
        candidates = {w for spell in rows for w in spell.split() if abs(len(w) - len(word)) <= 2}
        if word in candidates:
            out.append(word)
            continue
        best = min(candidates, key=lambda w: (_distance(word, w), w), default=None)
        if best is not None and _distance(word, best) <= 2:
            out.append(best)
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def actor_ids(text: str, viewer, limit: int = 200, any_word: bool = False) -> list[int]:
    """Organisations matching a text (all its words, or any) by their profile or offerings, best first;
    only visible ones."""
    query = parse(text, any_word)
    hits = run(query, current_app.config["SEARCH_MAX_HITS"], ("actor", "offering"))
    return visible_owners(hits, viewer, limit)
