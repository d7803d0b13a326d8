"""Search and matching benchmark: innovex's engines beside plain full-text search on one generated corpus.

    .venv/bin/python bench/search.py            # Whoosh, 10,000 organisations with offerings, vs SQLite FTS5
    .venv/bin/python bench/search.py --n 2000   # quicker
    .venv/bin/python bench/search.py --large    # 100,000
    .venv/bin/python bench/search.py --engine postgres --database-url postgresql+psycopg://postgres@127.0.0.1/bench
                                                # the PostgreSQL engine (the database is emptied!), vs ts_rank

Measures full build time, incremental update latency (commit to searchable), search latency over 200 queries
of 1-3 words, matching latency over 50 projects, index size and peak memory; then FTS5 (bm25) build and query
time on the same texts, and prints the ratios innovex/FTS5.

Latencies are wall-clock; the CPU time of the measuring thread is printed beside them, because on a shared
machine the wall clock also counts the time other processes had the CPU (the load average is printed too).
Matching is measured cold (its cache emptied before every project: the figure the targets are about) and
warm (the same projects again, served from the cache until something relevant changes; the PostgreSQL engine
has no cache, so both are the same work there). The floor for the PostgreSQL engine is plain `ts_rank` over a
'simple' tsvector of the same texts with a GIN index, in the same database.
"""

import argparse
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from innovex import create_app  # noqa: E402
from innovex.extensions import db  # noqa: E402
from innovex.models import Actor, Offering, Project, Sector, Tag, offering_tags  # noqa: E402
from innovex.models.projects import project_competencies, project_tags  # noqa: E402
from innovex.normalise import collation_key  # noqa: E402
from innovex.taxonomy import sync_taxonomies  # noqa: E402

STEMS = [
    "lasten",
    "rad",
    "fahr",
    "liefer",
    "logistik",
    "energie",
    "solar",
    "wind",
    "wohn",
    "bau",
    "garten",
    "bio",
    "markt",
    "brot",
    "kaffee",
    "software",
    "plattform",
    "daten",
    "cloud",
    "beratung",
    "bildung",
    "schule",
    "pflege",
    "gesundheit",
    "kultur",
    "musik",
    "film",
    "verlag",
    "druck",
    "holz",
    "metall",
    "textil",
    "mode",
    "reparatur",
    "werkstatt",
    "verleih",
    "sharing",
    "mobilität",
    "auto",
    "bahn",
    "bus",
    "netz",
    "strom",
    "wärme",
    "wasser",
    "abfall",
    "recycling",
    "kompost",
    "landwirtschaft",
    "gemüse",
    "obst",
    "milch",
    "käse",
    "bäckerei",
    "kita",
    "senioren",
    "quartier",
    "stadt",
    "dorf",
    "region",
    "genossenschaft",
    "verein",
    "kollektiv",
    "finanz",
    "kredit",
    "versicherung",
    "hosting",
    "design",
    "marketing",
    "übersetzung",
    "buchhaltung",
    "recht",
    "coaching",
    "moderation",
    "forschung",
    "labor",
]
ENGLISH = [
    "cargo",
    "bike",
    "delivery",
    "energy",
    "housing",
    "food",
    "software",
    "platform",
    "data",
    "care",
    "culture",
    "repair",
    "sharing",
]
SUFFIXES = ["", "verleih", "beratung", "service", "netzwerk", "logistik", "laden", "werkstatt", "projekt"]
KINDS = ["cooperative", "platform_coop", "collaborative", "association", "network", "supporter"]


def word(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(ENGLISH)
    return (rng.choice(STEMS) + rng.choice(SUFFIXES)).capitalize()


def text(rng: random.Random, count: int) -> str:
    return " ".join(word(rng) for _ in range(count))


def seed(n: int, rng: random.Random) -> None:
    """Bulk rows through Core (no outbox rows: the benchmark then builds the index in one go)."""
    sector_ids = list(db.session.scalars(sa.select(Sector.id)))
    tag_names = sorted({word(rng).lower() for _ in range(600)})
    db.session.execute(sa.insert(Tag), [{"name": t, "key": t.lower()} for t in tag_names])
    tag_ids = list(db.session.scalars(sa.select(Tag.id)))
    actors, offerings, links, sectors = [], [], [], []
    offering_id = 0
    for i in range(1, n + 1):
        actors.append(
            {
                "id": i,
                "slug": f"org-{i}",
                "name": (name := f"{word(rng)} {word(rng)} eG"),
                "name_key": f"o{i}",
                "sort_name": collation_key(name),
                "kind": rng.choice(KINDS),
                "description": text(rng, 30),
                "city": rng.choice(STEMS),
                "country": "DE",
                "lat": 47 + rng.random() * 7,
                "lon": 6 + rng.random() * 9,
            }
        )
        sectors.append({"actor_id": i, "sector_id": rng.choice(sector_ids)})
        for _ in range(rng.randint(1, 3)):
            offering_id += 1
            offerings.append(
                {
                    "id": offering_id,
                    "actor_id": i,
                    "kind": rng.choice(["offer", "offer", "need"]),
                    "title": f"{word(rng)} {word(rng)}",
                    "description": text(rng, 20),
                }
            )
            links += [{"offering_id": offering_id, "tag_id": t} for t in rng.sample(tag_ids, 2)]
    db.session.execute(sa.insert(Actor), actors)
    db.session.execute(sa.insert(Offering), offerings)
    db.session.execute(sa.insert(offering_tags), links)
    db.session.execute(
        sa.text("INSERT INTO actor_sectors (actor_id, sector_id) VALUES (:actor_id, :sector_id)"), sectors
    )
    for p in range(1, 51):
        db.session.execute(
            sa.insert(Project),
            [
                {
                    "id": p,
                    "slug": f"p-{p}",
                    "actor_id": p,
                    "title": text(rng, 4),
                    "summary": text(rng, 12),
                    "body": text(rng, 80),
                    "visibility": "public",
                }
            ],
        )
        db.session.execute(
            sa.insert(project_competencies), [{"project_id": p, "tag_id": t} for t in rng.sample(tag_ids, 2)]
        )
        db.session.execute(
            sa.insert(project_tags), [{"project_id": p, "tag_id": t} for t in rng.sample(tag_ids, 2)]
        )
    db.session.commit()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


class Samples:
    """Wall-clock and thread CPU milliseconds of repeated calls."""

    def __init__(self):
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, fn, *args):
        wall, cpu = time.perf_counter(), time.thread_time()
        result = fn(*args)
        self.cpu.append((time.thread_time() - cpu) * 1000)
        self.wall.append((time.perf_counter() - wall) * 1000)
        return result

    def percentiles(self) -> tuple[float, float, float, float]:
        return (*percentiles(self.wall), *percentiles(self.cpu))


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def time_edits(found) -> tuple[float, float, float, float]:
    """Edit 20 organisations, each committed and then looked for with `found(marker)` (which may first
    bring the index up to date): the time from edit to searchable."""
    update = Samples()
    for i in range(20):
        actor = db.session.get(Actor, i + 1)
        marker = f"Frischwort{i}x{random.randint(0, 10**6)}"

        def edit(actor=actor, marker=marker):
            actor.description = f"{actor.description} {marker}"
            db.session.commit()
            assert found(marker), "edit not searchable"

        update.time(edit)
    return update.percentiles()


def bench_innovex(app, queries: list[str]) -> dict:
    from innovex.matching import engine, reverse
    from innovex.search import maintenance, outbox
    from innovex.search.outbox import index_root
    from innovex.search.results import search_page
    from innovex.search.whoosh.query import parse, run

    result = {}
    started = time.perf_counter()
    maintenance.rebuild()
    result["build_s"] = time.perf_counter() - started
    root = index_root()
    result["size_mb"] = sum(p.stat().st_size for p in (root / (root / "CURRENT").read_text()).iterdir()) / 1e6

    with app.test_request_context("/search/"):
        for q in queries[:10]:
            search_page(q, None, {})  # warm the searcher and caches
        page, index = Samples(), Samples()
        for q in queries:
            page.time(search_page, q, None, {})
        for q in queries:
            index.time(lambda t: run(parse(t).query, 20), q)
        result["search"], result["query"] = page.percentiles(), index.percentiles()

    def drained_and_found(marker: str):
        outbox.drain_all()
        return run(parse(marker).query, 5)

    result["update"] = time_edits(drained_and_found)

    projects = list(db.session.scalars(sa.select(Project).order_by(Project.id)))
    with app.test_request_context("/"):
        engine.suggestions_for(projects[0], None)  # warm the searcher
        cold, warm = Samples(), Samples()
        for project in projects:
            engine._matcher.cache.clear()
            cold.time(engine.suggestions_for, project, None)
        for project in projects:  # fill the cache (the cold runs emptied it before each project)
            engine.suggestions_for(project, None)
        for project in projects:
            warm.time(engine.suggestions_for, project, None)
        result["match"], result["match_warm"] = cold.percentiles(), warm.percentiles()
        reverse_samples = Samples()
        for actor in db.session.scalars(sa.select(Actor).order_by(Actor.id).limit(50)):
            reverse._matcher.cache.clear()
            reverse_samples.time(reverse.projects_for_actor, actor, None)
        result["reverse"] = reverse_samples.percentiles()
    return result


def bench_postgres(app, queries: list[str]) -> dict:
    """The PostgreSQL engine through the facade: documents built by rebuild, queries as the pages ask."""
    from innovex import search
    from innovex.matching import engine, reverse
    from innovex.search.results import search_page

    result = {}
    started = time.perf_counter()
    search.rebuild()
    result["build_s"] = time.perf_counter() - started
    result["size_mb"] = db.session.scalar(sa.text("SELECT pg_total_relation_size('search_documents')")) / 1e6
    with app.test_request_context("/search/"):
        for q in queries[:10]:
            search_page(q, None, {})
        page, index = Samples(), Samples()
        for q in queries:
            page.time(search_page, q, None, {})
        for q in queries:
            index.time(search.actor_ids, q, None, 20)
        result["search"], result["query"] = page.percentiles(), index.percentiles()
    result["update"] = time_edits(lambda marker: search.actor_ids(marker, None, 5))
    projects = list(db.session.scalars(sa.select(Project).order_by(Project.id)))
    with app.test_request_context("/"):
        engine.suggestions_for(projects[0], None)
        cold = Samples()
        for project in projects:
            cold.time(engine.suggestions_for, project, None)
        result["match"] = result["match_warm"] = cold.percentiles()
        reverse_samples = Samples()
        for actor in db.session.scalars(sa.select(Actor).order_by(Actor.id).limit(50)):
            reverse_samples.time(reverse.projects_for_actor, actor, None)
        result["reverse"] = reverse_samples.percentiles()
    return result


def bench_ts_rank(queries: list[str]) -> dict:
    """Plain PostgreSQL full-text search on the same texts: one 'simple' tsvector per organisation."""
    connection = db.session.connection()
    started = time.perf_counter()
    connection.exec_driver_sql("DROP TABLE IF EXISTS bench_floor")
    connection.exec_driver_sql(
        "CREATE TABLE bench_floor AS SELECT a.id, to_tsvector('simple', a.name || ' ' || a.description "
        "|| ' ' || coalesce(string_agg(o.title || ' ' || o.description, ' '), '')) AS v "
        "FROM actors a LEFT JOIN offerings o ON o.actor_id = a.id GROUP BY a.id"
    )
    connection.exec_driver_sql("CREATE INDEX bench_floor_v ON bench_floor USING gin (v)")
    db.session.commit()
    build = time.perf_counter() - started
    statement = sa.text(
        "SELECT id FROM bench_floor, plainto_tsquery('simple', :q) query WHERE v @@ query "
        "ORDER BY ts_rank(v, query) DESC LIMIT 20"
    )

    def query(text: str) -> None:
        db.session.execute(statement, {"q": text}).all()

    for q in queries[:10]:
        query(q)
    return {"build_s": build, "query": percentiles([timed(query, q) for q in queries])}


def bench_fts5(path: Path, queries: list[str]) -> dict:
    source = sqlite3.connect(path)
    rows = source.execute(
        "SELECT a.id, a.name, a.description, group_concat(o.title || ' ' || o.description, ' ') "
        "FROM actors a LEFT JOIN offerings o ON o.actor_id = a.id GROUP BY a.id"
    ).fetchall()
    fts = sqlite3.connect(":memory:")
    started = time.perf_counter()
    fts.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(name, description, offers, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    fts.executemany("INSERT INTO docs (rowid, name, description, offers) VALUES (?, ?, ?, ?)", rows)
    fts.commit()
    build = time.perf_counter() - started

    def query(text: str) -> None:
        match = " AND ".join('"' + w.replace('"', "") + '"' for w in text.split())
        fts.execute(
            "SELECT rowid, bm25(docs, 4.0, 1.0, 2.0) AS score FROM docs WHERE docs MATCH ? "
            "ORDER BY score LIMIT 20",
            (match,),
        ).fetchall()

    for q in queries[:10]:
        query(q)
    return {"build_s": build, "query": percentiles([timed(query, q) for q in queries])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="organisations to generate (default 10,000)")
    parser.add_argument("--large", action="store_true", help="100,000 organisations")
    parser.add_argument("--engine", choices=("whoosh", "postgres"), default="whoosh")
    parser.add_argument("--database-url", help="PostgreSQL database for --engine postgres (it is emptied)")
    args = parser.parse_args()
    if args.engine == "postgres" and not args.database_url:
        parser.error("--engine postgres needs --database-url")
    n = 100_000 if args.large else args.n
    targets = {"search": 150, "match": 600} if n >= 100_000 else {"search": 30, "match": 100}
    load_before = load_now()
    rng = random.Random(42)
    folder = Path(tempfile.mkdtemp(prefix="innovex-bench-"))
    settings = {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{folder / 'bench.sqlite'}",
        "INDEX_DIR": str(folder / "index"),
        "RATELIMIT_ENABLED": False,
        "SEARCH_ENGINE": args.engine,
    }
    app = create_app(settings)
    queries = [" ".join(word(rng) for _ in range(rng.randint(1, 3))) for _ in range(200)]
    with app.app_context():
        if args.engine == "postgres":
            db.session.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            db.session.commit()
            db.drop_all()
        db.create_all()
        sync_taxonomies()
        started = time.perf_counter()
        seed(n, rng)
        print(f"seeded {n} organisations in {time.perf_counter() - started:.1f}s ({folder})")
        if args.engine == "postgres":
            ours = bench_postgres(app, queries)
            theirs = bench_ts_rank(queries)
        else:
            ours = bench_innovex(app, queries)
    if args.engine == "whoosh":
        theirs = bench_fts5(folder / "bench.sqlite", queries)
    floor = "ts_rank" if args.engine == "postgres" else "FTS5"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nload average at start {load_before}, at end {load_now()} ({os.cpu_count()} CPUs)")
    print(f"engine {args.engine}, {n} organisations")
    print(f"\n{'measure':44} {'innovex':>10} {'(cpu)':>8} {floor:>10} {'ratio':>7}")
    print(
        f"{'full build (s)':44} {ours['build_s']:10.2f} {'':8} {theirs['build_s']:10.2f} "
        f"{ours['build_s'] / theirs['build_s']:7.1f}"
    )
    for label, key in (("p50", 0), ("p95", 1)):
        print(
            f"{'index query ' + label + ' (ms)':44} {ours['query'][key]:10.2f} {ours['query'][key + 2]:8.2f} "
            f"{theirs['query'][key]:10.2f} {ours['query'][key] / theirs['query'][key]:7.1f}"
        )
    rows = (
        ("search page", "search", f"target p95<{targets['search']}"),
        ("matching cold", "match", f"target p95<{targets['match']}"),
        ("matching cached", "match_warm", ""),
        ("projects for an organisation", "reverse", ""),
        ("edit -> searchable", "update", "target <1000"),
    )
    for name, key, note in rows:
        for label, column in (("p50", 0), ("p95", 1)):
            title = f"{name} {label} (ms{', ' + note if note and label == 'p95' else ''})"
            print(f"{title:44} {ours[key][column]:10.2f} {ours[key][column + 2]:8.2f}")
    print(f"{'index size (MB)':44} {ours['size_mb']:10.1f}")
    print(f"{'peak memory (MB)':44} {peak:10.1f}")


def load_now() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
