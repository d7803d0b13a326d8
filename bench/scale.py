"""Benchmark: how the cost of the public pages grows with the network, at 1,000, 10,000 (and 100,000)
organisations, through the test client on SQLite.

Run: .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--runs 20]
Targets at 100,000 (issue 12): home, statistics, GeoJSON with an edit before every request and the directory
with a text filter under 50 ms median, rendered (page cache off). The floor in the same run: the directory's
former text filter, a LIKE scan over names, descriptions, cities and offer titles (the queries alone, without
the page). The last rows are the same pages as a visitor gets them between two changes (page cache on).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from map import bench_app, measure, seed  # noqa: E402

from innovex.actors.services import DirectoryFilters, directory_query, text_filter  # noqa: E402
from innovex.extensions import db  # noqa: E402
from innovex.models import Actor  # noqa: E402
from innovex.search import maintenance  # noqa: E402

TARGET_MS = 50
TARGETED = {"home", "statistics", "GeoJSON, an edit before each", "directory ?q=Angebot 7"}
WIDTH = 34


def edit_one(app):
    """Rename one organisation and commit, as an owner's edit would: every cache keyed on it goes stale."""
    counter = iter(range(10**9))

    def edit():
        with app.test_request_context():
            actor = db.session.get(Actor, 1)
            actor.name = f"Genossenschaft bearbeitet {next(counter)}"
            db.session.commit()

    return edit


def like_floor(app, runs: int) -> float:
    """Median ms of the former LIKE filter's two queries (rows and total), without rendering."""
    timings = []
    with app.test_request_context():
        for _ in range(runs + 1):
            start = time.perf_counter()
            query = directory_query(DirectoryFilters(q="Angebot 7"), None, text=text_filter)
            db.paginate(query, page=1, per_page=20, error_out=False)
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings[1:])


def run(size: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        app = bench_app(tmp, SEARCH_DRAIN="request")
        with app.app_context():
            seed(size)
            start = time.perf_counter()
            maintenance.rebuild()  # the directory's text filter reads the index
            print(f"  {size:,} organisations seeded, index built in {time.perf_counter() - start:.0f} s")
            client = app.test_client()
            pages = {
                "home": ("/", lambda: None),
                "directory, page 1": ("/organisations/", lambda: None),
                "directory ?q=Angebot 7": ("/organisations/?q=Angebot+7", lambda: None),
                "statistics": ("/statistics/", lambda: None),
                "GeoJSON": ("/api/v1/actors.geojson", lambda: None),
                "GeoJSON, an edit before each": ("/api/v1/actors.geojson", edit_one(app)),
            }
            figures = {name: measure(client, url, runs, before)[0] for name, (url, before) in pages.items()}
            figures["floor: LIKE filter, queries only"] = like_floor(app, runs)
            app.config["PAGE_CACHE"] = True  # what a visitor is served between two changes
            for name in ("home", "directory, page 1", "directory ?q=Angebot 7"):
                figures[f"{name}, page cache"] = measure(client, pages[name][0], runs)[0]
            db.session.remove()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of organisations")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"median ms per request, {args.runs} runs, SQLite, load average {load:.1f}")
    table = {size: run(size, args.runs) for size in sizes}
    biggest = max(sizes)
    print(f"\n{'page':<{WIDTH}}" + "".join(f"{size:>10,}" for size in sizes) + f"  target at {biggest:,}")
    failed = False
    for name in table[sizes[0]]:
        row = "".join(f"{table[size][name]:>10.1f}" for size in sizes)
        verdict = ""
        if name in TARGETED:
            ok = table[biggest][name] < TARGET_MS
            failed |= not ok and biggest >= 100_000
            verdict = f"  < {TARGET_MS} ms: {'yes' if ok else 'NO'}"
        print(f"{name:<{WIDTH}}{row}{verdict}")
    print(f"\n{len(sizes)} sizes measured; targets apply at 100,000")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
