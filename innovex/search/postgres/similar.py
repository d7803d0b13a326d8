"""Partner matching on PostgreSQL: the plan's strongest terms as an OR tsquery over `match_vector`, ranked
with ts_rank_cd, one rank per band of equal weight (a tsquery cannot weigh its own terms)."""

import math
import re
from collections import Counter

import sqlalchemy as sa

from innovex.extensions import db
from innovex.search.synonyms import candidate_parts
from innovex.search.whoosh.analysis import MIN_GRAM, STOP_WORDS, stems, words
from innovex.search.whoosh.similar import (
    GRAMS_WEIGHT,
    MAX_GRAMS,
    MAX_TERMS,
    VARIANT_KINDS,
    Match,
    Plan,
    Source,
    _plan,
)

WEIGHTS = "{0, 0.4, 0.4, 1.0}"  # D, C (name and tag words), B (profile or project text), A (offers, needs)
TARGETS = {
    "profiles": "d.doc_type = 'actor'",
    "open_projects": "d.doc_type = 'project' AND d.status = 'open'",
}
_WORD = re.compile(r"^\w+$")


def known_words(candidates: set[str]) -> set[str]:
    """The candidates that occur as words of a document's names, tags or sectors."""
    candidates = {c for c in candidates if _WORD.match(c)}
    if not candidates:
        return set()
    statement = sa.text(
        "SELECT w FROM unnest(CAST(:words AS text[])) AS w WHERE EXISTS "
        "(SELECT 1 FROM search_documents WHERE match_vector @@ to_tsquery('simple', quote_literal(w)))"
    )
    return set(db.session.scalars(statement, {"words": sorted(candidates)}))


def plan_for(sources: list[Source]) -> Plan:
    heads, parts = set(), set()
    for source in sources:
        for word in words(source.text):
            if len(word) >= 2 * MIN_GRAM:
                heads.update(word[start:] for start in range(MIN_GRAM, len(word) - MIN_GRAM + 1))
        if source.kind in VARIANT_KINDS:
            parts |= candidate_parts(words(source.text))
    known = known_words(heads | parts)

    def used(word: str) -> bool:
        return any(s in known for s in (word, *stems(word)))

    return _plan(sources, known.__contains__, used)


def top(target: str, sources: list[Source], limit: int) -> tuple[Plan, list[Match]]:
    plan = plan_for(sources)
    strongest = sorted(plan.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    parts = sorted(plan.grams.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_GRAMS]
    strongest = [(t, w) for t, w in strongest if _WORD.match(t)]
    parts = [(g, w) for g, w in parts if _WORD.match(g)]
    if not strongest and not parts:
        return plan, []
    params: dict = {"limit": limit}
    bands: dict[float, list[str]] = {}
    idf = _idf(target, [t for t, _w in strongest])
    for i, (term, weight) in enumerate(strongest):
        params[f"t{i}"] = term
        bands.setdefault(round(weight * idf[term], 3), []).append(f"plainto_tsquery('simple', :t{i})")
    for i, (gram, weight) in enumerate(parts):
        params[f"g{i}"] = f"'{gram}':*"
        bands.setdefault(GRAMS_WEIGHT * weight, []).append(f"to_tsquery('simple', :g{i})")
    queries = [(weight, " || ".join(terms)) for weight, terms in bands.items()]
    rank = " + ".join(f"{weight!r} * ts_rank_cd('{WEIGHTS}', d.match_vector, {q})" for weight, q in queries)
    anything = " || ".join(q for _w, q in queries)
    statement = sa.text(
        f"""
        SELECT d.doc_type, d.doc_id, d.owner_id, {rank} AS score FROM search_documents d
        WHERE {TARGETS[target]} AND d.match_vector @@ ({anything})
        ORDER BY score DESC, d.doc_id LIMIT :limit
        """  # noqa: S608 - only placeholders and constants are formatted in
    )
    matches = [
        Match(t, pk, owner, float(score), {"type": t, "pk": pk, "owner": str(owner)})
        for t, pk, owner, score in db.session.execute(statement, params)
    ]
    return plan, matches


def _idf(target: str, terms: list[str]) -> dict[str, float]:
    """BM25's idf of each term among the target's documents (ts_rank_cd knows no document frequencies),
    the same as the Whoosh engine's (whoosh/store.py Bm25): a word in nearly every profile weighs little."""
    if not terms:
        return {}
    statement = sa.text(
        f"""
        SELECT t, (SELECT count(*) FROM search_documents d
                   WHERE {TARGETS[target]} AND d.match_vector @@ to_tsquery('simple', quote_literal(t))),
               (SELECT count(*) FROM search_documents d WHERE {TARGETS[target]})
        FROM unnest(CAST(:terms AS text[])) AS t
        """  # noqa: S608 - only constants are formatted in
    )
    return {
        term: math.log(1 + (total - found + 0.5) / (found + 0.5))
        for term, found, total in db.session.execute(statement, {"terms": terms})
    }


def key_terms(text: str, count: int) -> list[str]:
    """The most frequent words of a long text that are not stop words (longer words first on a tie)."""
    counted = Counter(w for w in words(text) if len(w) >= MIN_GRAM and w not in STOP_WORDS and w.isalpha())
    return [w for w, _n in sorted(counted.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[:count]]
