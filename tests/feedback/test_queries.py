"""A thread costs a fixed number of SQL queries, however many items it has."""

import random
from datetime import timedelta

import pytest

from innovex.models import Feedback, HelpfulMark, ProjectUpdate
from innovex.models.base import utcnow
from tests.factories import counted_statements, login_as, make_actor, make_offering, make_user
from tests.project_factories import make_project


def seed_thread(db, project, authors, size, offering, update) -> None:
    """A random tree of items inserted directly, with organisations, offerings, updates and marks."""
    rng = random.Random(size)
    start = utcnow() - timedelta(days=1)
    rows: list[Feedback] = []
    for n in range(size):
        candidates = [row for row in rows if row.depth < 3]
        parent = rng.choice(candidates) if candidates and n % 3 else None
        author = authors[n % len(authors)]
        row = Feedback(
            project_id=project.id,
            parent_id=parent.id if parent else None,
            depth=parent.depth + 1 if parent else 0,
            author_id=author.id,
            actor_id=offering.actor_id if n % 5 == 0 else None,
            kind=None if parent else "offer",
            offering_id=offering.id if parent is None and n % 4 == 0 else None,
            addressed_in_id=update.id if n % 7 == 0 else None,
            body=f"Item {n}",
            body_html=f"<p>Item {n}</p>",
            created_at=start + timedelta(seconds=n),
            edited_at=start + timedelta(seconds=n + 1) if n % 6 == 0 else None,
            deleted_at=start if n % 11 == 0 else None,
            hidden_at=start if n % 13 == 0 else None,
        )
        db.session.add(row)
        db.session.flush()
        rows.append(row)
    for row in rows[::3]:
        if row.author_id != authors[0].id:
            db.session.add(HelpfulMark(user_id=authors[0].id, feedback_id=row.id))
    db.session.commit()


@pytest.fixture
def count_queries(db):
    with counted_statements(only=None) as seen:
        yield seen


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_project_page_costs_the_same_queries_for_20_and_200_items(client, db, count_queries, logged_in):
    viewer = make_user()
    authors = [viewer] + [make_user() for _ in range(9)]
    coop = make_actor(owner=authors[0], members=authors[1:])
    offering = make_offering(coop)
    counts = {}
    for size in (20, 200):
        project = make_project(coop, authors[1])
        update = ProjectUpdate(project_id=project.id, author_id=authors[1].id, version=1, title="v1")
        db.session.add(update)
        db.session.flush()
        seed_thread(db, project, authors, size, offering, update)
        if logged_in:
            login_as(client, viewer)
        client.get(f"/projects/{project.slug}")  # warm-up: first-request work of other parts
        count_queries.clear()
        response = client.get(f"/projects/{project.slug}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).count('class="feedback-item"') == size
        counts[size] = len(count_queries)
    assert 0 < counts[20] == counts[200], counts
