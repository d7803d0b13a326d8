"""Benchmark: the GeoJSON endpoint, the map's viewport answers, the map page and the statistics page with
10,000 public organisations.

Run: .venv/bin/python bench/map.py [--actors 10000] [--runs 30]
     .venv/bin/python bench/map.py --actors 1000000 --viewport-only --database-url postgresql+psycopg://...
Targets: GeoJSON (also uncached and filtered) and map page under 300 ms median, statistics under 500 ms
median, the viewport (cache empty) p95 under 200 ms, through the test client. "cpu ms" is this process's CPU
time, steadier than wall time under load (on PostgreSQL the database's own time is not in it). The PostgreSQL
database given is emptied first.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from innovex import create_app  # noqa: E402
from innovex.extensions import db  # noqa: E402
from innovex.models import Actor, Offering, Sector, Tag, actor_sectors, offering_tags  # noqa: E402
from innovex.models.base import utcnow  # noqa: E402
from innovex.search import maintenance  # noqa: E402
from innovex.taxonomy import sync_taxonomies  # noqa: E402
from innovex.vocab import ACTOR_KINDS, LEGAL_FORMS  # noqa: E402

TARGETS_MS = {"GeoJSON": 300, "GeoJSON cold": 300, "map page": 300, "statistics": 500, "viewport": 200}
BATCH = 50_000  # rows per insert, so that a million organisations do not sit in memory at once
WIDTH = 33
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
CITIES = [
    ("Berlin", 52.52, 13.40), ("Hamburg", 53.55, 9.99), ("München", 48.14, 11.58), ("Köln", 50.94, 6.96),
    ("Leipzig", 51.34, 12.37), ("Wien", 48.21, 16.37), ("Zürich", 47.37, 8.54),
]  # fmt: skip


def seed(count: int, offerings_per_actor: int = 2) -> None:
    """`count` public organisations around seven cities, each in one sector, with offerings in 200 tags."""
    rng = random.Random(7)
    now = utcnow()
    sector_ids = db.session.scalars(sa.select(Sector.id)).all()
    for start in range(0, count, BATCH):
        rows = []
        for n in range(start, min(count, start + BATCH)):
            city, lat, lon = rng.choice(CITIES)
            rows.append(
                {
                    "slug": f"org-{n}", "name": f"Genossenschaft {n}", "name_key": f"genossenschaft {n}",
                    "sort_name": f"genossenschaft {n}",
                    "kind": rng.choice(list(ACTOR_KINDS)), "legal_form": rng.choice(list(LEGAL_FORMS)),
                    "description": "Eine Genossenschaft.", "city": city, "country": "DE",
                    "postcode": f"{rng.randint(10000, 99999)}", "lat": lat + rng.uniform(-0.3, 0.3),
                    "lon": lon + rng.uniform(-0.3, 0.3), "status": "active", "visibility": {},
                    "created_at": now - timedelta(days=rng.randint(0, 2000)), "updated_at": now,
                }
            )  # fmt: skip
        db.session.execute(sa.insert(Actor), rows)
        db.session.execute(
            sa.insert(actor_sectors),
            [
                {"actor_id": n + 1, "sector_id": rng.choice(sector_ids)}
                for n in range(start, start + len(rows))
            ],
        )
        db.session.commit()
        print(f"\r  seeded {start + len(rows):,} of {count:,} organisations", end="", file=sys.stderr)
    print(file=sys.stderr)
    db.session.execute(sa.insert(Tag), [{"name": f"tag {n}", "key": f"tag {n}"} for n in range(200)])
    total = count * offerings_per_actor
    for start in range(0, total, BATCH):
        ids = range(start, min(total, start + BATCH))
        offerings = [
            {"actor_id": i % count + 1, "kind": rng.choice(["offer", "need"]), "title": f"Angebot {i}",
             "description": "", "scope": "regional", "created_at": now, "updated_at": now}
            for i in ids
        ]  # fmt: skip
        db.session.execute(sa.insert(Offering), offerings)
        db.session.execute(
            sa.insert(offering_tags), [{"offering_id": i + 1, "tag_id": rng.randint(1, 200)} for i in ids]
        )
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("VACUUM ANALYZE"))


def measure(
    client, url: str, runs: int, before=lambda: None, headers=None
) -> tuple[float, float, float, int]:
    """Median and p95 wall time, and median CPU time of this process (fairer on a busy machine), in ms."""
    client.get(url, headers=headers)  # warm-up
    timings, cpu = [], []
    for _ in range(runs):
        before()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, statistics.median(cpu), len(response.data)


def bench_app(tmp: str, database_url: str | None = None, reuse: bool = False, **config):
    """An app on an empty SQLite file in tmp (or the emptied PostgreSQL database at `database_url`),
    taxonomies loaded, inside no context. Pages are rendered (the page cache is off unless `config` turns it
    on): the benchmarks measure what a page costs to make. `reuse` keeps the PostgreSQL data (migrated)."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{tmp}/bench.sqlite", "SECRET_KEY": "bench",
         "INDEX_DIR": f"{tmp}/index", "RATELIMIT_ENABLED": False, "PAGE_CACHE": False, **config}
    )  # fmt: skip
    app.instance_path = tmp
    with app.app_context():
        if database_url:
            if not reuse:
                with db.engine.begin() as connection:
                    connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            with app.test_request_context():
                from flask_migrate import upgrade

                upgrade()  # the real indexes and extensions, as a deployment has them
        else:
            db.create_all()
        sync_taxonomies()
        db.session.commit()
    return app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", help="a PostgreSQL database to empty and use instead of SQLite")
    parser.add_argument("--viewport-only", action="store_true", help="only the viewport (for a million)")
    parser.add_argument("--reuse", action="store_true", help="keep the PostgreSQL data of an earlier run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp, args.database_url, reuse=args.reuse)
        with app.app_context():
            # A healthy (empty) search index first: without one, the first request starts a rebuild of all
            # 30,000 documents in a background thread, which would compete with every measurement below. The
            # seed bypasses the search outbox, and marking search as started keeps the first request from
            # writing every document (inside it, on PostgreSQL): the measured pages do not read the index.
            reused = (
                args.reuse and db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == args.actors
            )
            if not reused:
                maintenance.rebuild()
                seed(args.actors, 0 if args.viewport_only else 2)
            app.extensions["innovex_search"] = {"started": True}
            client = app.test_client()
            cache = app.extensions.setdefault("innovex.map_cache", {})
            sector = db.session.scalar(sa.select(Sector.slug).order_by(Sector.slug).limit(1))
            pages = {
                "GeoJSON": ("GeoJSON", "/api/v1/actors.geojson", lambda: None),
                # Without the per-app cache, as after an edit or with a filter nobody asked for lately.
                "GeoJSON cold": ("GeoJSON cold", "/api/v1/actors.geojson", cache.clear),
                "GeoJSON cold, gzip (browsers)": (
                    "GeoJSON cold",
                    "/api/v1/actors.geojson",
                    cache.clear,
                    GZIP,
                ),
                f"GeoJSON cold ?sector={sector}": (
                    "GeoJSON cold",
                    f"/api/v1/actors.geojson?sector={sector}",
                    cache.clear,
                ),
                "GeoJSON cold ?tag=tag 5": ("GeoJSON cold", "/api/v1/actors.geojson?tag=tag+5", cache.clear),
                "map page": ("map page", "/map/", lambda: None),
                f"map page ?sector={sector}": ("map page", f"/map/?sector={sector}", lambda: None),
                "statistics": ("statistics", "/statistics/", lambda: None),
            }
            viewport = "/api/v1/actors/viewport.geojson?"
            views = {  # the seed's points lie around seven cities from Köln to Wien
                "viewport cold, zoom 5 (all)": viewport + "bbox=-5,40,30,60&zoom=5",
                "viewport cold, zoom 8 (region)": viewport + "bbox=11,50.5,14,52.5&zoom=8",
                "viewport cold, zoom 12 (city)": viewport + "bbox=12.3,51.3,12.45,51.38&zoom=12",
                "viewport cold, zoom 8, ?sector": viewport + f"bbox=11,50.5,14,52.5&zoom=8&sector={sector}",
            }
            if args.viewport_only:
                pages = {}
            pages.update({name: ("viewport", url, cache.clear) for name, url in views.items()})
            engine = db.engine.dialect.name
            db.session.remove()
        # Requests run outside this app context, each with its own session, as in production (inside one, they
        # would share its session and transaction: about 100 ms more per request on PostgreSQL at 1M).
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"{args.actors} public organisations on {engine}, {args.runs} runs each, load {load:.1f}\n")
        header = f"{'median ms':>10} {'p95 ms':>10} {'cpu ms':>8} {'target':>8} {'bytes':>10}"
        print(f"{'page':<{WIDTH}} {header}  ok")
        failed = False
        for name, (kind, url, before, *headers) in pages.items():
            median, p95, cpu, size = measure(client, url, args.runs, before, *headers)
            target = TARGETS_MS[kind]
            ok = (p95 if kind == "viewport" else median) < target
            failed |= not ok
            verdict = "yes" if ok else "NO"
            figures = f"{median:>10.1f} {p95:>10.1f} {cpu:>8.1f} {target:>8} {size:>10}"
            print(f"{name:<{WIDTH}} {figures}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
