"""Weighted "find what fits this" queries for partner matching, with the matched terms traced back to the
words of the source (a project's needs, tags, title, summary and body key terms; or an organisation's
offerings), so that every suggestion can say why it matched."""

from dataclasses import dataclass, field

from whoosh.query import And, Or, Query, Term

from innovex.search import store
from innovex.search.analysis import MIN_GRAM, analysed_terms, compound_head, stems, words
from innovex.search.outbox import index_root

# Fields of the found documents that a source is matched against, with their weights.
PROFILE_FIELDS = {"offers": 2.0, "tags": 2.0, "title": 1.0, "body": 0.6, "topics": 0.8}
PROJECT_FIELDS = {"competencies": 2.5, "tags": 2.0, "title": 1.5, "summary": 1.0, "body": 0.6, "topics": 0.8}
GRAMS_WEIGHT = 0.8
KEY_TERMS = 8


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

    weights: dict[tuple[str, str], float] = field(default_factory=dict)  # (field, term) -> boost
    origin: dict[str, list[Source]] = field(default_factory=dict)  # term -> sources that produced it

    def add(self, term: str, source: Source, fields: dict[str, float], weight: float) -> None:
        known = self.origin.setdefault(term, [])
        if source not in known:
            known.append(source)
        for name, boost in fields.items():
            self.weights[(name, term)] = max(self.weights.get((name, term), 0.0), weight * boost)

    def query(self, max_clauses: int) -> Query | None:
        """The strongest clauses only: a few dozen terms rank as well as hundreds and run far faster."""
        strongest = sorted(self.weights.items(), key=lambda kv: -kv[1])[:max_clauses]
        return Or([Term(name, term, boost=boost) for (name, term), boost in strongest]) if strongest else None


def plan_for(sources: list[Source], fields: dict[str, float]) -> Plan:
    with store.searcher(index_root()) as searcher:
        reader = searcher.reader()
        return _plan(sources, fields, lambda w: reader.doc_frequency("spell", w) > 0)


def _plan(sources: list[Source], fields: dict[str, float], known) -> Plan:
    plan = Plan()
    for source in sources:
        for term in analysed_terms(source.text):
            plan.add(term, source, fields, source.weight)
        for word in words(source.text):
            if len(word) < MIN_GRAM:
                continue
            gram = stems(word)[0] if len(stems(word)[0]) >= MIN_GRAM else word
            plan.add(gram, source, {"grams": GRAMS_WEIGHT}, source.weight)
            head = compound_head(word, known) if len(word) >= 2 * MIN_GRAM else None
            if head:
                for term in stems(head):
                    plan.add(term, source, fields, source.weight * 0.6)
                plan.add(head, source, {"grams": GRAMS_WEIGHT}, source.weight * 0.6)
    return plan


def explain(plan: Plan, texts: dict[str, str]) -> tuple[dict[str, set[str]], dict[str, list[Source]]]:
    """Which of the plan's terms occur in each field's text, and the sources they came from (computed from
    the row's text rather than the index, which keeps the search itself on its fast path)."""
    matched: dict[str, set[str]] = {}
    sources: dict[str, list[Source]] = {}
    for fieldname, text in texts.items():
        terms = analysed_terms(text)
        found = {t for t in terms if (fieldname, t) in plan.weights}
        if (fieldname != "grams") and not found:
            continue
        if fieldname == "grams":
            found = {
                g
                for (f, g) in plan.weights
                if f == "grams" and any(w.startswith(g) or w.endswith(g) for w in words(text))
            }
        if found:
            matched[fieldname] = found
            known = sources.setdefault(fieldname, [])
            for term in sorted(found):
                known += [s for s in plan.origin.get(term, []) if s not in known]
    return matched, sources


def key_terms(text: str, count: int = KEY_TERMS) -> list[str]:
    """The most distinctive terms of a long text against the whole index (tf-idf style, whoosh Bo1)."""
    if not text.strip():
        return []
    with store.searcher(index_root()) as searcher:
        return [term for term, _score in searcher.key_terms_from_text("body", text, numterms=count)]


def find(plan: Plan, doc_filter: Query, limit: int, max_clauses: int = 40) -> list[Match]:
    """Documents fitting a plan, best first (without explanations: see `explain`)."""
    query = plan.query(max_clauses)
    if query is None:
        return []
    with store.searcher(index_root()) as searcher:
        results = searcher.search(query, limit=limit, filter=doc_filter)
        return [
            Match(hit["type"], hit["pk"], int(hit["owner"]), hit.score, dict(hit.fields())) for hit in results
        ]


def generation() -> tuple[str, int]:
    """Which index and which commit of it is live: cached matches are valid while this stays the same."""
    with store.searcher(index_root()) as searcher:
        return f"{index_root()}/{store.current_name(index_root())}", searcher.reader().generation()


def profiles_and_offers() -> Query:
    """Organisation profiles and their offerings of kind "offer"."""
    return Or([Term("type", "actor"), And([Term("type", "offering"), Term("kind", "offer")])])


def open_projects() -> Query:
    return And([Term("type", "project"), Term("status", "open")])
