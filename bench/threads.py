"""Benchmark: render time and SQL queries of a project page with a large feedback thread.

Run with `.venv/bin/python bench/threads.py [--items 2000] [--runs 30]`. It builds the app on a temporary
SQLite database, seeds a project with a random feedback tree (depth up to FEEDBACK_MAX_DEPTH, Markdown bodies
of one to three paragraphs, about 50 authors) and a small one with 20 items, then requests the project page
(GET /projects/<slug>) through the test client: warm-up first, then the median and 95th percentile of the
timed runs and the SQL queries per request, for an anonymous visitor and a logged-in member.
It is a script, not a pytest test.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from innovex import create_app  # noqa: E402
from innovex.auth.sessions import open_login_session  # noqa: E402
from innovex.extensions import db  # noqa: E402
from innovex.models import Actor, Feedback, HelpfulMark, Membership, Project, ProjectUpdate, User  # noqa: E402
from innovex.models.base import utcnow  # noqa: E402
from innovex.taxonomy import sync_taxonomies  # noqa: E402
from innovex.text import render_markdown  # noqa: E402
from innovex.vocab import FEEDBACK_KINDS  # noqa: E402

WORDS = [
    "Genossenschaft",
    "Mitglieder",
    "Plattform",
    "Daten",
    "Energie",
    "Quartier",
    "Pilot",
    "Finanzierung",
    "Satzung",
    "Beteiligung",
    "cooperative",
    "members",
    "platform",
    "data",
    "energy",
    "neighbourhood",
    "pilot",
    "funding",
    "governance",
    "participation",
    "open",
    "source",
    "federation",
    "trust",
    "fair",
    "wages",
    "logistics",
    "care",
    "housing",
    "mobility",
    "food",
    "software",
]


def paragraph(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(20, 60))
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
    if rng.random() < 0.15:
        words.append("[mehr](https://example.org/info)")
    return " ".join(words).capitalize() + "."


def body(rng: random.Random) -> str:
    parts = [paragraph(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.1:
        parts.append("- erstens\n- zweitens\n- drittens")
    return "\n\n".join(parts)


def seed_project(slug: str, items: int, users: list[User], actor: Actor, rng: random.Random) -> Project:
    """A public project with a random feedback tree of the given size, inserted directly."""
    project = Project(
        slug=slug, actor=actor, author=users[0], title=slug, summary="Benchmark", visibility="public"
    )
    db.session.add(project)
    db.session.flush()
    update = ProjectUpdate(project_id=project.id, author_id=users[0].id, version=1, title="v1", body="")
    db.session.add(update)
    db.session.flush()
    cap = current_app.config["FEEDBACK_MAX_DEPTH"]
    start = utcnow() - timedelta(days=30)
    rows: list[Feedback] = []
    for n in range(items):
        parents = [row for row in rows[-200:] if row.depth + 1 < cap]
        parent = rng.choice(parents) if parents and rng.random() < 0.7 else None
        source = body(rng)
        row = Feedback(
            project_id=project.id,
            parent_id=parent.id if parent else None,
            depth=parent.depth + 1 if parent else 0,
            author_id=rng.choice(users).id,
            kind=None if parent else rng.choice(list(FEEDBACK_KINDS)),
            body=source,
            body_html=str(render_markdown(source)),
            helpful_count=rng.choice([0, 0, 0, 1, 2, 5]),
            created_at=start + timedelta(minutes=n),
            edited_at=start + timedelta(minutes=n + 5) if rng.random() < 0.05 else None,
            deleted_at=start + timedelta(minutes=n + 9) if rng.random() < 0.02 else None,
            hidden_at=start + timedelta(minutes=n + 9) if rng.random() < 0.01 else None,
            addressed_in_id=update.id if parent is None and rng.random() < 0.1 else None,
        )
        db.session.add(row)
        db.session.flush()
        rows.append(row)
    viewer = users[1]
    for row in rng.sample(rows, k=min(len(rows), 40)):
        if row.author_id != viewer.id:
            db.session.add(HelpfulMark(user_id=viewer.id, feedback_id=row.id))
    db.session.commit()
    return project


def seed(item_counts: list[int]) -> dict[int, str]:
    rng = random.Random(42)
    users = [
        User(email=f"u{n}@example.org", display_name=f"Person {n}", handle=f"person{n}", password_hash="x")
        for n in range(50)
    ]
    db.session.add_all(users)
    actor = Actor(slug="bench-coop", name="Bench eG", name_key="bench eg", kind="cooperative")
    db.session.add(actor)
    db.session.flush()
    db.session.add(Membership(user_id=users[0].id, actor_id=actor.id, role="owner"))
    db.session.commit()
    return {count: seed_project(f"bench-{count}", count, users, actor, rng).slug for count in item_counts}


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def measure(client, url: str, counter: QueryCounter, runs: int, warmup: int = 3) -> dict:
    """Wall-clock and CPU milliseconds per request (CPU time is robust when the machine is busy)."""
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    walls, cpus, queries = [], [], set()
    for _ in range(runs):
        counter.count = 0
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
        queries.add(counter.count)
        assert response.status_code == 200
    walls.sort()
    return {
        "median": statistics.median(walls),
        "p95": walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))],
        "cpu": statistics.median(cpus),
        "queries": "/".join(str(q) for q in sorted(queries)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--url", default="/projects/{slug}", help="page to measure, {slug} or {first}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite",
                "INDEX_DIR": f"{tmp}/index",
                "RATELIMIT_ENABLED": False,
                "WTF_CSRF_ENABLED": True,
            }
        )
        app.instance_path = f"{tmp}/instance"
        with app.app_context():
            db.create_all()
            sync_taxonomies()
            db.session.commit()
            slugs = seed([20, args.items])
            counter = QueryCounter(db.engine)
            _record, member_id = open_login_session(db.session.get(User, 2))  # the token its cookie carries
            db.session.commit()
            db.session.remove()
        # Requests run outside this app context, each with its own session, as in production.
        rows = []
        for label, session_user in (("anonymous", None), ("member", member_id)):
            client = app.test_client()
            if session_user:
                with client.session_transaction() as session:
                    session["_user_id"] = session_user
                    session["_fresh"] = True
            for count, slug in slugs.items():
                url = args.url.format(slug=slug)
                rows.append((count, label, measure(client, url, counter, args.runs)))
    print(f"{'items':>6} {'viewer':>10} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>8} {'queries':>8}")
    for count, label, m in rows:
        times = f"{m['median']:>10.1f} {m['p95']:>8.1f} {m['cpu']:>8.1f}"
        print(f"{count:>6} {label:>10} {times} {m['queries']:>8}")


if __name__ == "__main__":
    main()
