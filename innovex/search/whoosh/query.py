"""Parsing what people type, running it against the index, and keeping only what the viewer may see."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from whoosh import qparser
from whoosh.query import And, NullQuery, Or, Phrase, Query, Term

from innovex import permissions
from innovex.extensions import db
from innovex.models import Actor
from innovex.search import synonyms
from innovex.search.outbox import index_root
from innovex.search.querytext import clean
from innovex.search.visible import Hit, visible_owners
from innovex.search.whoosh import fastscore, store
from innovex.search.whoosh.analysis import analysed_terms, compound_head, fold, gram_query_term, stems, words
from innovex.search.whoosh.schema import DOC_TYPES, FIELD_BOOSTS, PHRASE_FIELDS, TEXT_FIELDS, build_schema

_REMOVED_PLUGINS = (
    qparser.SingleQuotePlugin,  # apostrophes are common in German and English words
    qparser.FieldsPlugin,  # internal fields are not for users to query
    qparser.WildcardPlugin,  # "a*" would expand to half the vocabulary
    qparser.RangePlugin,
    qparser.EveryPlugin,
    qparser.BoostPlugin,
)


@dataclass
class Parsed:
    query: Query
    notices: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.query is NullQuery or isinstance(self.query, type(NullQuery))


@lru_cache(maxsize=4)
def _parser(any_word: bool) -> qparser.MultifieldParser:
    group = qparser.OrGroup.factory(0.9) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(
        list(TEXT_FIELDS), build_schema(), fieldboosts=FIELD_BOOSTS, group=group
    )
    for plugin in _REMOVED_PLUGINS:
        parser.remove_plugin_class(plugin)
    return parser


def parse(text: str | None, any_word: bool = False) -> Parsed:
    """A query from user input, never raising: overlong input is cut, unmatched quotes and brackets are
    dropped with a notice, and anything the parser still rejects is searched as plain words."""
    text, notices = clean(text)
    try:
        query = _parser(any_word).parse(text)
    except Exception:
        query = _parser(any_word).parse(" ".join(re.findall(r"\w+", text)))
        notices.append(_("Your search could not be read as written, so its words were searched instead."))
    query = _with_compound_heads(query)
    if PLAIN_WORDS.fullmatch(text):
        query = _with_variants(query, text, any_word)
    return Parsed(query, notices, text)


PLAIN_WORDS = re.compile(r"(?:[^\W_]+[\s'’.,-]*)+")  # no quotes, brackets or "-word"; operators checked below
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})


def _with_variants(query: Query, raw: str, any_word: bool) -> Query:
    """The query or, weighed a little lower, the same words said another way: compounds split into their
    parts, words and phrases replaced by their synonyms (see search/synonyms.py). A variant needs all
    of its words even where the query needs any: "Lebens|mittel" is not "Leben" alone."""
    plain = words(raw)
    if not plain or OPERATORS.intersection(re.findall(r"\w+", raw)):
        return query
    with store.searcher(index_root()) as searcher:
        reader = searcher.reader()

        def known(word: str) -> bool:
            return any(reader.doc_frequency("text", s) > 0 for s in stems(word))

        weighed = [(v, synonyms.VARIANT_WEIGHT) for v in synonyms.variants(plain, known)]
        if any_word and len(plain) > 1:  # a word the index lacks, said another way, as that word's share
            share = synonyms.VARIANT_WEIGHT / len(plain)
            lacking = [word for word in plain if not known(word)]
            weighed += [(v, share) for word in lacking for v in synonyms.variants([word], known)]
    if not weighed:
        return query
    alternatives = [_all_words(variant, weight) for variant, weight in weighed]
    return Or([query, *(a for a in alternatives if a is not None)])


def _all_words(plain: list[str], factor: float) -> Query | None:
    """The query the parser makes of plain words that must all occur (each word over the fields people
    search, its compound-part term included), every boost times factor; built directly, which costs a
    tenth of parsing the words again."""
    groups = []
    for word in plain:
        terms = sorted(analysed_terms(word))
        if not terms:
            continue  # a stop word
        clauses: list[Query] = [
            Term(name, term, boost=FIELD_BOOSTS[name] * factor)
            for name in ("title", "tags", "text")
            for term in terms
        ]
        gram = gram_query_term(word)
        if gram:
            clauses.append(Term("grams", gram, boost=FIELD_BOOSTS["grams"] * factor))
        groups.append(Or(clauses))
    if not groups:
        return None
    return And(groups) if len(groups) > 1 else groups[0]


def _with_compound_heads(query: Query) -> Query:
    """Let a compound in the query also find its head word on its own ("Lieferlogistik" -> "logistik"),
    and turn quoted phrases in fields without positions into plain conjunctions."""
    with store.searcher(index_root()) as searcher:
        reader = searcher.reader()

        def known(word: str) -> bool:
            return reader.doc_frequency("spell", word) > 0

        def expand(node: Query) -> Query:
            if isinstance(node, Term) and node.fieldname == "grams" and len(node.text) >= 8:
                head = compound_head(node.text, known)
                if head and head != node.text:
                    # The head as a word of its own: as a compound part it would match half the index.
                    heads = [Term("text", stem, boost=0.5) for stem in stems(head)]
                    return Or([node, *heads])
            if isinstance(node, Phrase) and node.fieldname not in PHRASE_FIELDS:
                return And([Term(node.fieldname, word, boost=node.boost) for word in node.words])
            return node

        try:
            return query.accept(expand)
        except Exception:  # a query the expansion cannot walk is used as it is
            return query


class ArrayOr(Or):
    """A disjunction scored term by term into an array: several times faster than Whoosh's tree of union
    matchers (with its block-quality bookkeeping) for the long posting lists of common words. It cannot
    say which document it is on, so it only serves at the top of a query, never inside an And."""

    matcher_type = Or.ARRAY_MATCHER


def fast_or(query: Query) -> Query:
    """The query with a plain top-level disjunction made an ArrayOr (not one with a coordination bonus)."""
    if type(query) is Or and not query.scale:
        return ArrayOr(query.subqueries, boost=query.boost)
    return query


def run(query: Query, limit: int, doc_types: tuple[str, ...] | None = None, terms: bool = False) -> list[Hit]:
    """The top hits of a query in the index, as plain data (the searcher is not kept)."""
    with store.searcher(index_root()) as searcher:
        only = None
        if doc_types and set(doc_types) != set(DOC_TYPES):
            only = store.docset(searcher, Or([Term("type", t) for t in sorted(doc_types)]))
        found = None if terms else fastscore.top(searcher, query, limit, only)
        if found is not None:
            return [_hit(dict(store.stored_fields(searcher, docnum)), score) for docnum, score in found]
        results = searcher.search(fast_or(query), limit=limit, filter=only, terms=terms, optimize=False)
        hits = []
        for result in results:
            fields = dict(result.fields())
            if terms:
                fields["_matched"] = [
                    (f, t.decode() if isinstance(t, bytes) else t) for f, t in result.matched_terms()
                ]
            hits.append(_hit(fields, result.score))
        return hits


def _hit(fields: dict, score: float) -> Hit:
    return Hit(fields["type"], fields["pk"], score, fields)


def query_terms(query: Query) -> tuple[set[str], set[str]]:
    """The analysed terms of a query (for highlighting), and its whole words in the gram field."""
    texts, grams = set(), set()
    for fieldname, text in query.iter_all_terms():
        text = text.decode() if isinstance(text, bytes) else str(text)
        (grams if fieldname == "grams" else texts).add(text)
    return texts, grams


def spelling_suggestion(text: str) -> str | None:
    """The query with misspelt words replaced by the closest word the index knows, if any changed."""
    changed = False
    out = []
    with store.searcher(index_root()) as searcher:
        reader = searcher.reader()
        corrector = searcher.corrector("spell")
        for word in re.findall(r"\w+|\W+", text):
            folded = fold(word)
            if word.isalpha() and len(word) > 3 and reader.doc_frequency("spell", folded) == 0:
                found = corrector.suggest(folded, limit=1, maxdist=2)
                if found:
                    out.append(found[0])
                    changed = True
                    continue
            out.append(word)
    return "".join(out) if changed else None


def search_actor_ids(q: str, viewer, limit: int = 200, any_word: bool = False) -> list[int]:
    """Organisations matching a text (all its words, or any), best first, by their profile or their
    offerings; only visible ones. Falls back to a name filter in the database without an index."""
    try:
        parsed = parse(q, any_word)
        if parsed.empty:
            return []
        hits = run(parsed.query, current_app.config["SEARCH_MAX_HITS"], ("actor", "offering"))
    except store.IndexUnavailable:
        like = f"%{q.strip()[:100]}%"
        statement = sa.select(Actor.id).where(
            Actor.name.ilike(like), permissions.visible_actors_filter(viewer)
        )
        return list(db.session.scalars(statement.order_by(Actor.name).limit(limit)))
    return visible_owners(hits, viewer, limit)
