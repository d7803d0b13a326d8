"""The write phase of bench/load.py: logged-in members post feedback and edit their organisations' profiles
from threads, each through its own HTTP session with the CSRF token of its forms, as a browser would.

Every fourth write is a profile edit, the others feedback on one of WRITE_PROJECTS projects. Each post carries
a fresh one-time submission token (what a freshly loaded form holds). Afterwards the database is counted:
every post answered with its redirect is one row (none lost, none twice), every organisation holds its
member's last accepted edit, and the search index has no drift once the outbox is drained.
"""

import secrets
import threading
import time
from collections import defaultdict

import requests
import sqlalchemy as sa
from load_probe import form_fields, hidden_value, percentile

from innovex.extensions import db
from innovex.models import Actor, Feedback
from innovex.search import maintenance, outbox

WRITE_PROJECTS = 8
EDIT_EVERY = 4
MARK = "Lasttest"
# Issue 12: with 32 members, on SQLite and on PostgreSQL.
TARGET_WRITES = 150
TARGET_P95_MS = 300


def login(base: str, email: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/auth/login", timeout=60)
    token = hidden_value(page.text, "csrf_token")
    answer = session.post(
        f"{base}/auth/login",
        data={"csrf_token": token, "email": email, "password": password},
        allow_redirects=False,
        timeout=60,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"login of {email} answered {answer.status_code}")
    return session


class Member(threading.Thread):
    """One member writing until the deadline; records (kind, status, seconds) of every write."""

    def __init__(self, base: str, number: int, password: str, seconds: float, start: threading.Barrier):
        super().__init__(name=f"member-{number}", daemon=True)
        self.base, self.number, self.password = base, number, password
        self.seconds, self.start_together = seconds, start
        self.results: list[tuple[str, int, float]] = []
        self.posted: list[str] = []  # bodies of accepted posts
        self.last_description: str | None = None
        self.failure: str | None = None

    def run(self):
        try:
            session = login(self.base, f"mitglied{self.number}@example.org", self.password)
            edit_url = f"{self.base}/organisations/org-{self.number}/edit"
            fields = form_fields(session.get(edit_url, timeout=60).text, "description")
            csrf = dict(fields)["csrf_token"]
            self.start_together.wait()
            deadline = time.monotonic() + self.seconds
            count = 0
            while time.monotonic() < deadline:
                count += 1
                if count % EDIT_EVERY == 0:
                    self._edit(session, edit_url, fields, count)
                else:
                    self._post(session, csrf, count)
        except Exception as error:  # reported with the figures, not as a thread's traceback
            self.failure = f"{type(error).__name__}: {error}"
            self.start_together.abort()

    def _post(self, session: requests.Session, csrf: str, count: int) -> None:
        body = f"{MARK} {self.number}-{count}: Wir könnten beim Pilotprojekt mit Lastenrädern helfen."
        data = {"csrf_token": csrf, "submission": secrets.token_urlsafe(24), "kind": "idea", "body": body}
        data |= {"actor_id": "", "offering_id": "", "parent_id": ""}
        slug = f"lasttest-schreiben-{self.number % WRITE_PROJECTS}"
        status = self._timed("feedback", session, f"{self.base}/feedback/projects/{slug}", data)
        if status == 303:
            self.posted.append(body)

    def _edit(self, session: requests.Session, url: str, fields: list, count: int) -> None:
        description = f"Profil von Mitglied {self.number}, Fassung {count}."
        data = [(name, description if name == "description" else value) for name, value in fields]
        if self._timed("profile edit", session, url, data) == 302:
            self.last_description = description

    def _timed(self, kind: str, session: requests.Session, url: str, data) -> int:
        start = time.perf_counter()
        try:
            status = session.post(url, data=data, allow_redirects=False, timeout=60).status_code
        except requests.RequestException:
            status = 0  # a dropped connection
        self.results.append((kind, status, time.perf_counter() - start))
        return status


def run_writes(app, base: str, members: int, password: str, seconds: float) -> bool:
    """Drive the write mix, print its table and the checks; True when a check failed."""
    barrier = threading.Barrier(members + 1)
    threads = [Member(base, n, password, seconds, barrier) for n in range(members)]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=300)  # every member logged in and holding its form
    start = time.monotonic()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    failures = [t.failure for t in threads if t.failure]
    if failures:
        print(f"{len(failures)} members failed: {failures[0]}")
    print_writes([result for t in threads for result in t.results], members, elapsed)
    return check_writes(app, threads) or bool(failures)


def print_writes(results: list[tuple[str, int, float]], members: int, elapsed: float) -> None:
    by_kind = defaultdict(list)
    for kind, status, seconds in results:
        by_kind[kind].append((status, seconds))
    by_kind["all writes"] = [(status, seconds) for _, status, seconds in results]
    print(f"\nwrites: {members} members for {elapsed:.0f} s")
    header = f"{'count':>6} {'writes/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'5xx':>5} {'other':>6}"
    print(f"{'write':<14} {header}")
    for kind, rows in by_kind.items():
        ok = [s * 1000 for status, s in rows if status in (302, 303)]
        errors = sum(1 for status, _ in rows if status >= 500 or status == 0)
        other = len(rows) - len(ok) - errors
        figures = (
            f"{len(rows):>6} {len(ok) / elapsed:>9.1f} {percentile(ok, 50):>7.0f} {percentile(ok, 95):>7.0f}"
        )
        print(f"{kind:<14} {figures} {percentile(ok, 99):>7.0f} {errors:>5} {other:>6}")
    total = [s * 1000 for _, status, s in results if status in (302, 303)]
    rate, p95 = len(total) / elapsed, percentile(total, 95)
    print(
        f"targets: >= {TARGET_WRITES} writes/s: {'yes' if rate >= TARGET_WRITES else 'NO'}, "
        f"p95 < {TARGET_P95_MS} ms: {'yes' if p95 < TARGET_P95_MS else 'NO'}"
    )


def check_writes(app, threads: list[Member]) -> bool:
    """Lost or doubled posts, lost edits and search drift, from the database; True when one is found."""
    posted = [body for t in threads for body in t.posted]
    with app.app_context():
        stored = db.session.scalars(sa.select(Feedback.body).where(Feedback.body.like(f"{MARK} %"))).all()
        slugs = {f"org-{t.number}": t.last_description for t in threads if t.last_description}
        kept = dict(
            db.session.execute(sa.select(Actor.slug, Actor.description).where(Actor.slug.in_(slugs))).all()
        )
        lost_edits = sum(1 for slug, description in slugs.items() if kept.get(slug) != description)
        deadline = time.monotonic() + 30
        while outbox.pending_count() and time.monotonic() < deadline:
            time.sleep(0.5)  # the servers' background drains catch up
        pending = outbox.pending_count()
        drift = maintenance.check(repair=False).drift
        db.session.remove()
    lost = len(set(posted) - set(stored))
    doubled = len(stored) - len(set(stored))
    unexpected = len(set(stored) - set(posted))  # stored, though its client saw no success
    print(
        f"feedback accepted {len(posted)}, rows {len(stored)}: {lost} lost, {doubled} twice, {unexpected} "
        f"without a success answer; profile edits lost {lost_edits}; search drift {drift}, outbox left "
        f"{pending}"
    )
    return bool(lost or doubled or lost_edits or drift)
