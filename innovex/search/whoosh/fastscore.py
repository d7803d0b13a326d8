"""Term-at-a-time scoring of the query shapes the app makes most (a disjunction of terms, or a conjunction of
such disjunctions), straight from the posting blocks.

Whoosh scores a query document by document through a tree of matchers: four or five Python calls per posting
and per tree level. The common words of a large index have posting lists of ten thousand documents and more,
and there that costs a few hundred milliseconds. Here a posting costs one multiplication and one dict update:
each block of document numbers and term frequencies is read in one piece, the field lengths of a segment are
read once per searcher. The scores are Whoosh's own BM25F (same idf, average length, B and K1, same lossy
field-length bytes), so results and order are the same as searcher.search() gives.

Anything else (phrases, negations, a coordination bonus, matched-term reporting) returns None, and the
caller uses searcher.search(). So does any surprise from Whoosh's internals, which this module reads.
"""

import heapq
import logging
from array import array
from collections.abc import Iterable
from itertools import accumulate

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, Or, Query, Term
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

log = logging.getLogger(__name__)
CACHED_POSTINGS = 3_000_000  # per searcher, as two arrays: 8 bytes a posting, 24 MB at most
_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]

Clause = tuple[str, str, float]  # field, term, boost


class _Unsupported(Exception):
    """A clause this module does not score (a field without BM25F lengths)."""


def top(searcher: Searcher, query: Query, limit: int, allow=None) -> list[tuple[int, float]] | None:
    """The best `limit` (document number, score) pairs, best first, only documents in `allow` if given; or
    None when the query's shape is not one this module scores."""
    alternatives = _alternatives(query)
    if alternatives is None or not isinstance(searcher.weighting, BM25F) or searcher.weighting._field_B:
        return None
    try:
        scores: dict[int, float] = {}
        for groups in alternatives:  # a disjunction's score is the sum of its matching parts'
            for docnum, score in _score_groups(searcher, groups).items():
                scores[docnum] = scores.get(docnum, 0.0) + score
        deleted = _deleted(searcher)
    except _Unsupported:
        return None
    except Exception:  # an internal of Whoosh changed: the caller searches the ordinary way
        log.exception("fast scoring failed; using searcher.search()")
        return None
    for docnum in deleted:
        scores.pop(docnum, None)
    if allow is not None:
        scores = {docnum: score for docnum, score in scores.items() if docnum in allow}
    return heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))


def _alternatives(query: Query) -> list[list[list[Clause]]] | None:
    """The query as a disjunction of conjunctions of disjunctions of terms (a query with synonyms and
    compound parts is one of its words said several ways); or None."""
    if type(query) is Or and _plain_or(query) and query.boost == 1 and any(isinstance(s, And) for s in query):
        conjunctions = [sub for sub in query.subqueries if isinstance(sub, And)]
        terms = [sub for sub in query.subqueries if not isinstance(sub, And)]
        found = [_groups(sub) for sub in [*conjunctions, *([Or(terms)] if terms else [])]]
        return None if any(groups is None for groups in found) else found
    groups = _groups(query)
    return None if groups is None else [groups]


def _groups(query: Query) -> list[list[Clause]] | None:
    """The query as a conjunction of disjunctions of terms (a plain disjunction is one group)."""
    if isinstance(query, And) and query.boost == 1:
        groups = [_clauses(sub, 1.0) for sub in query.subqueries]
        return None if any(g is None for g in groups) else groups
    clauses = _clauses(query, 1.0)
    return None if clauses is None else [clauses]


def _clauses(query: Query, boost: float) -> list[Clause] | None:
    if type(query) is Term:
        return [(query.fieldname, query.text, boost * query.boost)]
    if _plain_or(query):
        found: list[Clause] = []
        for sub in query.subqueries:
            clauses = _clauses(sub, boost * query.boost)
            if clauses is None:
                return None
            found += clauses
        return found
    return None


def _plain_or(query: Query) -> bool:
    """A disjunction that sums its parts' scores (no coordination bonus, no minimum of matching parts)."""
    return isinstance(query, Or) and not query.scale and not query.minmatch


def _score_groups(searcher: Searcher, groups: list[list[Clause]]) -> dict[int, float]:
    # The rarest group first: a document missing from it needs no score in the others.
    sized = sorted(groups, key=lambda group: sum(searcher.doc_frequency(f, t) for f, t, _b in group))
    total: dict[int, float] | None = None
    for group in sized:
        scores = _score_clauses(searcher, group, total)
        if total is None:
            total = scores
        else:
            total = {docnum: total[docnum] + score for docnum, score in scores.items()}
        if not total:
            break
    return total or {}


def _score_clauses(searcher: Searcher, clauses: Iterable[Clause], within: dict | None) -> dict[int, float]:
    """BM25F of every document matching any clause, summed (only documents in `within`, if given)."""
    scores: dict[int, float] = {}
    get = scores.get
    for fieldname, text, boost in clauses:
        if fieldname not in searcher.schema or not searcher.schema[fieldname].scorable:
            raise _Unsupported(fieldname)
        if searcher.doc_frequency(fieldname, text) == 0:
            continue
        # bm25 = idf * tf * (k1 + 1) / (tf + k1 * ((1 - b) + b * length / avgfl)), the boost folded in
        numerator = searcher.idf(fieldname, text) * (searcher.weighting.K1 + 1) * boost
        for offset, norms, postings in _segment_postings(searcher, fieldname, text):
            if within is not None:
                postings = [(docnum, tf) for docnum, tf in postings if docnum + offset in within]
            if offset:
                for docnum, tf in postings:
                    d = docnum + offset
                    scores[d] = get(d, 0.0) + numerator * tf / (tf + norms[docnum])
            else:
                for docnum, tf in postings:
                    scores[docnum] = get(docnum, 0.0) + numerator * tf / (tf + norms[docnum])
    return scores


def _segment_postings(searcher: Searcher, fieldname: str, text: str):
    """Per segment: its document offset, its field norms, and the (docnum, tf) postings of the term, deleted
    documents included (top() drops them at the end). Decoded postings are kept with the searcher (which a
    commit replaces) up to CACHED_POSTINGS of them: common words recur in queries, and decoding their blocks
    is most of the cost of scoring them."""
    cache: dict = searcher.__dict__.setdefault("_innovex_postings", {})
    for sub, offset in searcher.subsearchers or [(searcher, 0)]:
        reader = sub.reader()
        key = (id(reader), fieldname, text)
        postings = cache.get(key)
        if postings is None:
            postings = _read_postings(reader, fieldname, text)
            size = cache.get("size", 0) + len(postings[0])
            if size > CACHED_POSTINGS:
                cache.clear()
                size = len(postings[0])
            cache[key], cache["size"] = postings, size
        if postings[0]:
            yield offset, _norms(searcher, reader, fieldname), zip(*postings, strict=True)


def _read_postings(reader, fieldname: str, text: str) -> tuple[array, array]:
    ids, tfs = array("I"), array("f")
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return ids, tfs
    if isinstance(matcher, FilterMatcher):  # the segment has deleted documents: see _deleted()
        matcher = matcher.child
    if type(matcher) is W3LeafMatcher:
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            raw = matcher._data[0]
            ids.extend(raw if matcher._byteids else accumulate(raw))  # block ids are delta-coded
            matcher._read_weights()
            tfs.extend(matcher._weights)
            matcher._next_block()
    else:
        while matcher.is_active():  # short lists stored inline with the term
            ids.append(matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
    return ids, tfs


def _deleted(searcher: Searcher) -> list[int]:
    """The deleted documents of every segment, as document numbers of the searcher."""
    cache: dict = searcher.__dict__
    if "_innovex_deleted" not in cache:
        cache["_innovex_deleted"] = [
            offset + docnum
            for sub, offset in searcher.subsearchers or [(searcher, 0)]
            if sub.reader().has_deletions()  # an empty index's EmptyReader has no deleted_docs_set
            for docnum in sub.reader().deleted_docs_set
        ]
    return cache["_innovex_deleted"]


def _norms(searcher: Searcher, reader, fieldname: str) -> list[float]:
    """Per document of a segment: k1 * ((1 - b) + b * length / avgfl) for the field, once per searcher."""
    cache: dict = searcher.__dict__.setdefault("_innovex_norms", {})
    key = (id(reader), fieldname)
    norms = cache.get(key)
    if norms is None:
        count = reader.doc_count_all()
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            raw = bytes(count)
        else:
            raw = column._dbfile.get(column._basepos, column._count).ljust(count, b"\0")
        k1, b = searcher.weighting.K1, searcher.weighting.B
        constant, per_length = k1 * (1 - b), k1 * b / (searcher.avg_field_length(fieldname) or 1)
        by_byte = [constant + per_length * _LENGTH_OF_BYTE[byte] for byte in range(256)]
        norms = cache[key] = [by_byte[byte] for byte in raw[:count]]
    return norms
