"""Weighted "find what fits this" queries for partner matching, with the matched terms traced back to the
words of the source (a project's needs, tags, title, summary and body key terms; or an organisation's
offerings), so that every suggestion can say why it matched."""

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh.query import Query, Term

from innovex.search import synonyms
from innovex.search.outbox import index_root
from innovex.search.whoosh import fastscore, store
from innovex.search.whoosh.analysis import (
    MIN_GRAM,
    STOP_WORDS,
    WORD_PATTERN,
    analysed_terms,
    compound_head,
    fold,
    stems,
    words,
)
from innovex.search.whoosh.query import ArrayOr

# Fields of the found documents that a source is matched against, with their weights. Each set lies on
# one type of document only (see schema.py), so a query walks no postings of documents it does not want.
PROFILE_FIELDS = {"offers": 2.0, "profile": 0.8}
PROJECT_FIELDS = {"needs": 2.5, "project": 1.0}
GRAMS_WEIGHT = 0.8
KEY_TERMS = 8
MAX_TERMS = 12  # the strongest terms of a plan that go into its query
MAX_GRAMS = 4  # and the strongest compound parts
VARIANT_KINDS = ("need", "tag")  # the sources whose synonyms and compound parts are looked for too
VARIANT_SPREAD = 0.5  # a wording of n words gives each of them 1 / n ** VARIANT_SPREAD of its weight


@dataclass
class Source:
    """One piece of what is looked for: its kind ("need", "tag", "title", "summary", "body", "offer"),
    the text as the user wrote it, and its weight."""

    kind: str
    text: str
    weight: float


@dataclass
class Match:
    """A found document: its type, id, owning organisation, score and the sources its terms came from."""

    type: str
    pk: int
    owner: int
    score: float
    fields: dict
    matched: dict[str, set[str]] = field(default_factory=dict)  # document field -> matched terms
    sources: dict[str, list[Source]] = field(default_factory=dict)  # document field -> sources of its terms

    def all_terms(self) -> set[str]:
        return {term for terms in self.matched.values() for term in terms}

    def all_sources(self, fields: tuple[str, ...] | None = None) -> list[Source]:
        found: list[Source] = []
        for fieldname, sources in self.sources.items():
            if fields is None or fieldname in fields:
                found += [s for s in sources if s not in found]
        return found


@dataclass
class Plan:
    """The weighted terms of a set of sources, and which sources produced each term."""

    terms: dict[str, float] = field(default_factory=dict)  # analysed term -> weight
    grams: dict[str, float] = field(default_factory=dict)  # compound part -> weight
    origin: dict[str, list[Source]] = field(default_factory=dict)  # term or part -> sources of it

    def add(self, term: str, source: Source, weight: float, gram: bool = False) -> None:
        known = self.origin.setdefault(term, [])
        if source not in known:
            known.append(source)
        weights = self.grams if gram else self.terms
        weights[term] = max(weights.get(term, 0.0), weight)

    def query(self, fields: dict[str, float], grams_field: str | None = "grams") -> Query | None:
        """The strongest terms only, over a few fields: a dozen terms rank as well as hundreds and run far
        faster (each clause is a walk over a posting list)."""
        strongest = sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
        clauses: list[Query] = [
            Term(name, term, boost=weight * boost)
            for term, weight in strongest
            for name, boost in fields.items()
        ]
        if grams_field:
            parts = sorted(self.grams.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_GRAMS]
            clauses += [Term(grams_field, gram, boost=weight * GRAMS_WEIGHT) for gram, weight in parts]
        return ArrayOr(clauses) if clauses else None


def plan_for(sources: list[Source]) -> Plan:
    with store.searcher(index_root()) as searcher:
        reader = searcher.reader()
        return _plan(
            sources,
            lambda w: reader.doc_frequency("spell", w) > 0,
            lambda w: any(reader.doc_frequency("text", s) > 0 for s in stems(w)),
        )


def _plan(sources: list[Source], known, used=None) -> Plan:
    """The plan of sources: their terms, compound parts and heads (`known`: a word of names and tags), and
    for needs and tags the terms of their synonyms and split compounds (`used`: a word of any text)."""
    plan = Plan()
    for source in sources:
        for term in analysed_terms(source.text):
            plan.add(term, source, source.weight)
        if source.kind in VARIANT_KINDS:
            _add_variants(plan, source, used or known)
        for word in words(source.text):
            if len(word) < MIN_GRAM:
                continue
            gram = stems(word)[0] if len(stems(word)[0]) >= MIN_GRAM else word
            plan.add(gram, source, source.weight, gram=True)
            head = compound_head(word, known) if len(word) >= 2 * MIN_GRAM else None
            if head:
                for term in stems(head):
                    plan.add(term, source, source.weight * 0.6)
                plan.add(head, source, source.weight * 0.6, gram=True)
    return plan


def _add_variants(plan: Plan, source: Source, known) -> None:
    """The terms of a need's or tag's other wordings ("Lastenrad": "cargo bike"), weighed lower, and the
    lower the more words a wording has (its words are alternatives in the query, not a phrase)."""
    for variant in synonyms.variants(words(source.text), known):
        weight = source.weight * synonyms.VARIANT_WEIGHT / len(variant) ** VARIANT_SPREAD
        for term in analysed_terms(" ".join(variant)):
            if term not in plan.terms or plan.terms[term] < weight:
                plan.add(term, source, weight)


def explain(plan: Plan, texts: dict[str, str]) -> tuple[dict[str, set[str]], dict[str, list[Source]]]:
    """Which of the plan's terms occur in each text (by name: "offers", "tags", ...; under "grams" its
    compound parts), and the sources they came from. Computed from the row's text rather than the index,
    which keeps the search itself on its fast path."""
    matched: dict[str, set[str]] = {}
    sources: dict[str, list[Source]] = {}
    for fieldname, text in texts.items():
        if fieldname == "grams":
            found = {g for g in plan.grams if any(w.startswith(g) or w.endswith(g) for w in words(text))}
        else:
            found = {t for t in analysed_terms(text) if t in plan.terms}
        if found:
            matched[fieldname] = found
            known = sources.setdefault(fieldname, [])
            for term in sorted(found):
                known += [s for s in plan.origin.get(term, []) if s not in known]
    return matched, sources


@dataclass(frozen=True)
class WordMatch:
    """A word of a found text, as written there, that the plan matched: whole (by its stem), or only in part
    (`part` is then the piece of the word that matched, e.g. "Energie" in "Energieberatung")."""

    word: str
    part: str | None = None


def matched_words(plan: Plan, text: str) -> list[WordMatch]:
    """The words of a text (each once, in order) that the plan's terms or compound parts match."""
    found: dict[str, WordMatch] = {}
    grams = sorted((g for g in plan.grams if len(g) >= MIN_GRAM), key=len, reverse=True)
    for raw in re.findall(WORD_PATTERN, text or ""):
        word = fold(raw)
        if word in found or word in STOP_WORDS:
            continue
        if any(stem in plan.terms for stem in stems(word)):
            found[word] = WordMatch(raw)
            continue
        for gram in grams:
            if len(word) > len(gram) and (word.startswith(gram) or word.endswith(gram)):
                same_length = len(word) == len(raw)  # folding kept the letters in place: quote the original
                if word.startswith(gram):
                    piece = raw[: len(gram)] if same_length else gram
                else:
                    piece = raw[-len(gram) :] if same_length else gram
                found[word] = WordMatch(raw, piece)
                break
    return list(found.values())


def coverage(plan: Plan, source: Source, texts: Iterable[str]) -> tuple[str | None, list[WordMatch]]:
    """How far the texts answer one source (a need or a tag): "full" when each of its words occurs in them,
    "partial" when only some words or parts of its compounds do (a compound's head alone is partial), None
    when nothing of it does; with the words of the texts that matched it."""
    own = [w for w in words(source.text) if w not in STOP_WORDS and len(w) >= 2]
    covered: set[str] = set()
    relevant: list[WordMatch] = []
    for text in texts:
        for match in matched_words(plan, text):
            if match.part is not None:
                if any(source in plan.origin.get(g, []) for g in _parts_of(plan, match)):
                    relevant.append(match)
                continue
            terms = {t for t in stems(fold(match.word)) if source in plan.origin.get(t, [])}
            if terms:
                relevant.append(match)
                covered.update(w for w in own if set(stems(w)) & terms)
    if not relevant:
        return None, []
    unique = list(dict.fromkeys(relevant))
    return ("full" if own and covered >= set(own) else "partial"), unique


def _parts_of(plan: Plan, match: WordMatch) -> list[str]:
    word = fold(match.word)
    return [g for g in plan.grams if len(word) > len(g) and (word.startswith(g) or word.endswith(g))]


def overlap(plan: Plan, text: str) -> float:
    """How strongly a text matches a plan: the summed weights of the plan's terms it contains (for choosing
    which of an organisation's offers to show)."""
    terms = analysed_terms(text)
    score = sum(weight for term, weight in plan.terms.items() if term in terms)
    folded = words(text)
    score += sum(
        GRAMS_WEIGHT * weight
        for gram, weight in plan.grams.items()
        if any(w.startswith(gram) or w.endswith(gram) for w in folded)
    )
    return score


def key_terms(text: str, count: int = KEY_TERMS) -> list[str]:
    """The most distinctive terms of a long text against the whole index (tf-idf style, whoosh Bo1)."""
    if not text.strip():
        return []
    with store.searcher(index_root()) as searcher:
        return [term for term, _score in searcher.key_terms_from_text("text", text, numterms=count)]


def find(query: Query | None, limit: int, doc_filter: Query | None = None) -> list[Match]:
    """Documents fitting a plan's query, best first (without explanations: see `explain`)."""
    if query is None:
        return []
    with store.searcher(index_root()) as searcher:
        only = store.docset(searcher, doc_filter) if doc_filter is not None else None
        found = fastscore.top(searcher, query, limit, only)
        if found is None:
            results = searcher.search(query, limit=limit, filter=only, optimize=False)
            found = [(hit.docnum, hit.score) for hit in results]
        matches = []
        for docnum, score in found:
            fields = dict(store.stored_fields(searcher, docnum))
            matches.append(Match(fields["type"], fields["pk"], int(fields["owner"]), score, fields))
        return matches


def profiles() -> Query:
    return Term("type", "actor")


@dataclass
class _Cached:
    value: object
    query: Query | None
    doc_filter: Query | None
    keys: frozenset[str]  # the documents in the result: a change to any of them invalidates it
    index: str  # the live index directory when it was computed
    segments: frozenset[str]  # the index's segments then


class ResultCache:
    """Results of matching queries, kept while the index has not changed in a way that could alter them.

    Whoosh writes every commit's documents into a new segment. So an entry stays valid while the index is
    the same directory (no rebuild) and no document in a segment written since: belongs to the result (a
    matched organisation or project changed), or matches the query within the filter (something new fits).
    Documents deleted since are dropped by the caller's database check of every result. Each check reads
    only the new, small segments; when a merge has produced a big one, the entry is simply recomputed."""

    MAX_NEW_DOCS = 2000

    def __init__(self, size: int = 256):
        self._entries: OrderedDict[object, _Cached] = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def get(self, key: object) -> object | None:
        with self._lock:
            entry = self._entries.get(key)
        if entry is None:
            return None
        root = index_root()
        with store.searcher(root) as searcher:
            name = _live(root)
            segments = _segments(searcher)
            if entry.index != name or not self._unaffected(entry, searcher, segments):
                with self._lock:
                    self._entries.pop(key, None)
                return None
            entry.segments = frozenset(segments)  # later checks look only at segments newer than these
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
        return entry.value

    def put(self, key: object, value: object, query: Query | None, doc_filter: Query | None, keys) -> None:
        root = index_root()
        with store.searcher(root) as searcher:
            entry = _Cached(
                value,
                query,
                doc_filter,
                frozenset(keys),
                _live(root),
                frozenset(_segments(searcher)),
            )
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def _unaffected(self, entry: _Cached, searcher, segments: dict) -> bool:
        fresh = [sub for segment_id, sub in segments.items() if segment_id not in entry.segments]
        if sum(sub.doc_count_all() for sub in fresh) > self.MAX_NEW_DOCS:
            return False
        for sub in fresh:
            if any(fields.get("key") in entry.keys for fields in sub.all_stored_fields()):
                return False
            if entry.query is not None:
                only = sub.docs_for_query(entry.doc_filter) if entry.doc_filter is not None else None
                if sub.search(entry.query, limit=1, filter=set(only) if only is not None else None):
                    return False
        return True


def _live(root) -> str:
    return f"{root}/{store.current_name(root)}"


def _segments(searcher) -> dict[str, object]:
    """The searcher's segments by id, each with its own sub-searcher."""
    found = {}
    for sub, _offset in searcher.subsearchers or [(searcher, 0)]:
        segment = sub.reader().segment()
        if segment is not None:
            found[segment.segment_id()] = sub
    return found


def open_projects() -> Query:
    return Term("status", "open")  # only projects have a status


# What each kind of matching looks for: the fields of the found documents and the filter that keeps
# only the wanted documents ("profiles": organisations; "open_projects": projects open for partners).
TARGETS = {"profiles": (PROFILE_FIELDS, profiles), "open_projects": (PROJECT_FIELDS, open_projects)}


class Matcher:
    """The best documents of one target for a set of sources, each result cached under the caller's key
    (see ResultCache for how long an entry stays valid)."""

    def __init__(self, target: str, size: int = 256):
        self.fields, self._doc_filter = TARGETS[target]
        self.cache = ResultCache(size)

    def top(self, key: object, sources: list[Source], limit: int) -> tuple[Plan, list[Match]]:
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        plan = plan_for(sources)
        query = plan.query(self.fields)
        matches = find(query, limit, self._doc_filter())
        self.cache.put(key, (plan, matches), query, self._doc_filter(), [f"{m.type}:{m.pk}" for m in matches])
        return plan, matches
