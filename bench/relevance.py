"""Relevance benchmark: how well innovex's search and partner matching find the organisations a careful person
would pick, beside plain BM25 (SQLite FTS5, no stemming) over the same texts.

    .venv/bin/python bench/relevance.py                     # every corpus whose data is present
    .venv/bin/python bench/relevance.py --corpus youth      # one corpus
    .venv/bin/python bench/relevance.py --per-query         # and a line per query and project
    .venv/bin/python bench/relevance.py --engine postgres --database-url postgresql+psycopg://...
    .venv/bin/python bench/relevance.py --data /work/shared/data/directories   # from a worktree elsewhere

The labelled set lives in bench/relevance/: needs.toml (information needs and the rules that say which
organisations of a source file answer them, written before any ranking was looked at), queries.toml (free-text
queries, German and English) and projects.toml (projects looking for partners). The corpora are the real
directories in ../shared/data/directories (SUSY/TransforMap initiatives, ICA youth-led co-operatives),
imported through innovex's own importers; a corpus whose file is absent is skipped.

For each corpus it prints nDCG@5 (graded: 2 = does the thing, 1 = touches it), recall@5 (found among the first
five, out of at most five: a query with many answers can reach 1.0) and MRR (the first relevant hit), for
free-text search (the directory's ranked organisation ids) and for partner matching (the suggestions of a
project page), each beside FTS5's bm25 on the same texts: all words for a query (any word when none has
all), any word of the project's needs, tags, title and summary for a project.
"""

import argparse
import csv
import json
import math
import re
import sqlite3
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from innovex import create_app, search  # noqa: E402
from innovex.actors.importers.formats import import_file  # noqa: E402
from innovex.extensions import db  # noqa: E402
from innovex.matching import engine  # noqa: E402
from innovex.models import Actor, Offering, Project, User  # noqa: E402
from innovex.taxonomy import get_or_create_tags, sync_taxonomies  # noqa: E402

HERE = Path(__file__).resolve().parent
LABELS = HERE / "relevance"
DATA = HERE.parent.parent / "shared" / "data" / "directories"
K = 5


# The corpora: where the source file is, and how a source record is read for labelling.


@dataclass
class Record:
    """One organisation of a source file as a labeller reads it: its key, category and text."""

    key: str
    category: str
    text: str


def susy_records(path: Path) -> list[Record]:
    records = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        p = feature["properties"]
        description = " ".join(str(v) for k, v in p.items() if k.startswith("description"))
        category = " ".join(str(p.get(k) or "") for k in ("type_of_initiative", "free_keywords", "POI_TYPE"))
        records.append(Record(str(p.get("_id")), category, f"{p.get('name') or ''} {description}"))
    return records


def youth_records(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return [
        Record(
            row["Name"].strip(),
            f"{row['Sector']} {row['Type']}",
            " ".join(row[c] or "" for c in ("Name", "Description", "Additional Details")),
        )
        for row in rows
    ]


@dataclass
class Corpus:
    name: str
    path: Path
    records: object  # Path -> list[Record]
    key: object  # Actor -> the key its labels use

    def present(self) -> bool:
        return self.path.is_file()


CORPORA = {
    "susy": Corpus(
        "susy",
        DATA / "susy-transformap" / "susy_data.geojson.json",
        susy_records,
        lambda actor: actor.source_id,
    ),
    "youth": Corpus(
        "youth",
        DATA / "ica-youth-coops" / "Youth-ledCoops.csv",
        youth_records,
        lambda actor: actor.name.strip(),
    ),
}


def set_data(folder: Path) -> None:
    """Read the directories from another folder (a worktree whose parent has no shared/)."""
    for corpus in CORPORA.values():
        corpus.path = folder / corpus.path.relative_to(DATA)


# Labels.


def load_labels() -> tuple[dict, list[dict], list[dict]]:
    def read(name):
        return tomllib.loads((LABELS / name).read_text(encoding="utf-8"))

    needs = read("needs.toml")
    queries = read("queries.toml")["query"]
    projects = read("projects.toml")["project"]
    for item in [*queries, *({"need": n} for p in projects for n in p["answers"])]:
        if item["need"] not in needs:
            raise SystemExit(f"unknown need {item['need']!r} in the labelled set")
    return needs, queries, projects


def grades(need: dict, records: list[Record]) -> dict[str, int]:
    """Which organisations answer a need, and how well: the rules of needs.toml applied to the source."""

    def matches(pattern: str | None, text: str) -> bool:
        return bool(pattern) and re.search(pattern, text, re.IGNORECASE) is not None

    graded = {}
    for record in records:
        if matches(need.get("cat2"), record.category) or matches(need.get("text2"), record.text):
            graded[record.key] = 2
        elif matches(need.get("cat1"), record.category) or matches(need.get("text1"), record.text):
            graded.setdefault(record.key, 1)
    return graded


# Measures.


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains))


@dataclass
class Scores:
    ndcg: float
    recall: float
    rr: float


def score(ranked_keys: list[str], relevant: dict[str, int]) -> Scores:
    top = ranked_keys[:K]
    ideal = dcg(sorted(relevant.values(), reverse=True)[:K])
    ndcg = dcg([relevant.get(key, 0) for key in top]) / ideal if ideal else 0.0
    found = sum(1 for key in top if key in relevant)
    recall = found / min(K, len(relevant)) if relevant else 0.0
    rr = next((1 / (rank + 1) for rank, key in enumerate(ranked_keys) if key in relevant), 0.0)
    return Scores(ndcg, recall, rr)


@dataclass
class Result:
    kind: str  # "query" or "project"
    label: str
    relevant: int
    ours: Scores
    floor: Scores
    top: list[str] = field(default_factory=list)


# The floor: plain BM25 over the same texts (names, descriptions, offering titles and descriptions).


class Bm25:
    def __init__(self, rows: list[tuple[int, str, str, str]]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(name, description, offers, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        self.db.executemany("INSERT INTO docs (rowid, name, description, offers) VALUES (?, ?, ?, ?)", rows)

    def top(self, text: str, any_word: bool = False, limit: int = 20) -> list[int]:
        words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1]
        if not words:
            return []
        match = (" OR " if any_word else " AND ").join(f'"{w}"' for w in dict.fromkeys(words))
        rows = self.db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 4.0, 1.0, 2.0) LIMIT ?",
            (match, limit),
        ).fetchall()
        if not rows and not any_word:
            return self.top(text, any_word=True, limit=limit)
        return [row[0] for row in rows]


def bm25_rows() -> list[tuple[int, str, str, str]]:
    offers: dict[int, list[str]] = {}
    for actor_id, title, description in db.session.execute(
        sa.select(Offering.actor_id, Offering.title, Offering.description)
    ):
        offers.setdefault(actor_id, []).append(f"{title} {description or ''}")
    return [
        (actor_id, name, description or "", " ".join(offers.get(actor_id, [])))
        for actor_id, name, description in db.session.execute(
            sa.select(Actor.id, Actor.name, Actor.description).where(Actor.listed)
        )
    ]


# One corpus: import, index, ask.


def make_app(engine_name: str, database_url: str | None, folder: Path):
    config = {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{folder / 'relevance.sqlite'}",
        "INDEX_DIR": str(folder / "index"),
        "RATELIMIT_ENABLED": False,
    }
    if engine_name != "whoosh" or database_url:
        config["SEARCH_ENGINE"] = engine_name
    return create_app(config)


def run_corpus(corpus: Corpus, engine_name: str, database_url: str | None, labels) -> list[Result]:
    needs, queries, projects = labels
    records = corpus.records(corpus.path)
    folder = Path(tempfile.mkdtemp(prefix=f"innovex-relevance-{corpus.name}-"))
    app = make_app(engine_name, database_url, folder)
    results = []
    with app.app_context():
        if database_url:
            db.drop_all()
        db.create_all()
        sync_taxonomies()
        started = time.perf_counter()
        _, report = import_file(corpus.path.read_bytes(), corpus.path.name, skip_invalid=True)
        db.session.commit()
        search.make_searchable(lambda line: None)
        print(
            f"{corpus.name}: {report.summary()}; indexed in {time.perf_counter() - started:.1f}s",
            file=sys.stderr,
        )
        keys = {actor.id: corpus.key(actor) for actor in db.session.scalars(sa.select(Actor))}
        floor = Bm25(bm25_rows())

        def keyed(ids):
            return [keys[i] for i in ids if i in keys]

        with app.test_request_context("/"):
            for query in (q for q in queries if needs[q["need"]]["corpus"] == corpus.name):
                relevant = grades(needs[query["need"]], records)
                ours = keyed(search.actor_ids(query["text"], None, limit=20))
                theirs = keyed(floor.top(query["text"]))
                results.append(
                    Result(
                        "query",
                        query["text"],
                        len(relevant),
                        score(ours, relevant),
                        score(theirs, relevant),
                        ours,
                    )
                )
            for spec in (p for p in projects if needs[p["answers"][0]]["corpus"] == corpus.name):
                relevant: dict[str, int] = {}
                for need in spec["answers"]:
                    for key, grade in grades(needs[need], records).items():
                        relevant[key] = max(grade, relevant.get(key, 0))
                project = bench_project(spec)
                ours = keyed(s.actor.id for s in engine.suggestions_for(project, None, limit=20))
                words = " ".join([*spec["needs"], *spec["tags"], spec["title"], spec["summary"]])
                theirs = keyed(i for i in floor.top(words, any_word=True) if i != project.actor_id)
                results.append(
                    Result(
                        "project",
                        spec["title"],
                        len(relevant),
                        score(ours, relevant),
                        score(theirs, relevant),
                        ours,
                    )
                )
        if database_url:
            db.session.remove()
            db.drop_all()
    return results


def bench_project(spec: dict) -> Project:
    """A public project of an organisation of its own (left out of its suggestions), as posted on the site."""
    author = db.session.scalar(sa.select(User).where(User.email == "bench@example.org"))
    if author is None:
        author = User(email="bench@example.org", display_name="Bench", handle="bench")
        author.set_password("relevance-bench")
        db.session.add(author)
    owner = db.session.scalar(sa.select(Actor).where(Actor.slug == "relevanz-pruefstand"))
    if owner is None:
        owner = Actor(
            name="Relevanz-Prüfstand",
            name_key="relevanz-pruefstand",
            slug="relevanz-pruefstand",
            kind="network",
        )
    project = Project(
        actor=owner,
        author=author,
        title=spec["title"],
        slug=f"p-{db.session.scalar(sa.select(sa.func.count(Project.id))) + 1}",
        summary=spec["summary"],
        body=spec["body"],
        visibility="public",
        status="open",
        stage="idea",
    )
    project.tags = get_or_create_tags(spec["tags"])
    project.competencies = get_or_create_tags(spec["needs"])
    db.session.add(project)
    db.session.commit()
    search.drain()
    return project


# Report.


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def print_summary(engine_name: str, corpus: str, results: list[Result]) -> None:
    for kind, title in (("query", "search"), ("project", "matching")):
        rows = [r for r in results if r.kind == kind]
        if not rows:
            continue
        columns = []
        for scores in ([r.ours for r in rows], [r.floor for r in rows]):
            zero = sum(1 for s in scores if s.recall == 0)
            means = [mean(getattr(s, name) for s in scores) for name in ("ndcg", "recall", "rr")]
            columns.append(" ".join(f"{m:7.3f}" for m in means) + f" {zero:5}")
        print(f"{corpus:6} {title:9} {len(rows):4}  {engine_name:8} {columns[0]}   {columns[1]}")


def print_per_query(results: list[Result]) -> None:
    print(f"\n{'kind':8} {'query or project':44} {'rel':>5} {'nDCG':>6} {'bm25':>6} {'R@5':>5} {'bm25':>5}")
    for r in results:
        print(
            f"{r.kind:8} {r.label[:44]:44} {r.relevant:5} {r.ours.ndcg:6.2f} {r.floor.ndcg:6.2f}"
            f" {r.ours.recall:5.2f} {r.floor.recall:5.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", choices=sorted(CORPORA), action="append", help="default: every one present"
    )
    parser.add_argument("--engine", default="whoosh", choices=("whoosh", "postgres"))
    parser.add_argument(
        "--database-url", help="a PostgreSQL database to use (emptied!); default a temporary SQLite"
    )
    parser.add_argument("--per-query", action="store_true", help="a line per query and project")
    parser.add_argument("--data", type=Path, help=f"the folder of the directories (default {DATA})")
    args = parser.parse_args()
    if args.data:
        set_data(args.data)
    labels = load_labels()
    chosen = [CORPORA[name] for name in (args.corpus or sorted(CORPORA))]
    missing = [c.name for c in chosen if not c.present()]
    if missing:
        print(f"skipped (data not found under {args.data or DATA}): {', '.join(missing)}", file=sys.stderr)
    runs = [(c.name, run_corpus(c, args.engine, args.database_url, labels)) for c in chosen if c.present()]
    if not runs:
        raise SystemExit("no corpus to measure")
    print(f"\nat {K}: nDCG, recall (of at most {K}), MRR; 'zero' counts queries with recall 0")
    print(
        f"{'corpus':6} {'task':9} {'n':>4}  {'engine':8} {'nDCG':>7} {'recall':>7} {'MRR':>7} {'zero':>5}   "
        f"{'bm25':>7} {'recall':>7} {'MRR':>7} {'zero':>5}"
    )
    for name, results in runs:
        print_summary(args.engine, name, results)
    everything = [r for _, results in runs for r in results]
    print_summary(args.engine, "all", everything)
    if args.per_query:
        print_per_query(everything)


if __name__ == "__main__":
    main()
