"""The moderation log: the moderators' filtered full log and the public log without private details."""

from datetime import timedelta

import pytest

from innovex.models import Feedback
from innovex.models.base import utcnow
from innovex.moderation.log import record
from tests.factories import login, make_actor, make_user
from tests.project_factories import make_project

SECRET = "PRIVATE-NOTE-7f3a"


@pytest.fixture
def world(db):
    moderator = make_user(role="moderator", display_name="Mona Moderator", handle="mona")
    other_mod = make_user(role="moderator", display_name="Otto Moderator", handle="otto")
    author = make_user(display_name="Anna Author", handle="anna")
    actor = make_actor(owner=author, name="Sichtbar eG")
    public = make_project(actor, author, title="Public Garden")
    hidden = make_project(actor, author, title="Secret Hidden Plan", hidden_at=utcnow())
    item = Feedback(project=public, author=author, depth=0, kind="idea", body="x", body_html="<p>x</p>")
    db.session.add(item)
    db.session.flush()
    entries = {
        "hide": record(
            "hide", "feedback", item.id, moderator=moderator, target_user_id=author.id,
            project_id=public.id, reason="Off-topic here", private_note=SECRET,
        ),
        "hidden_project": record(
            "hide", "project", hidden.id, moderator=other_mod, target_user_id=author.id,
            reason="Spam project", private_note=SECRET + "-2",
        ),
        "warn": record(
            "warn", "user", author.id, moderator=moderator, target_user_id=author.id, reason="Be kind"
        ),
        "suspend": record(
            "suspend", "user", author.id, moderator=other_mod, target_user_id=author.id,
            reason="Repeated spam after warnings", until=utcnow() + timedelta(days=3),
        ),
        "auto": record(
            "auto_hide", "feedback", item.id, moderator=None, target_user_id=author.id,
            detail="off_topic,spam",
        ),
    }  # fmt: skip
    old = record("lock", "project", public.id, moderator=moderator, reason="Old lock", project_id=public.id)
    old.created_at = utcnow() - timedelta(days=40)
    entries["old"] = old
    db.session.commit()
    return {"moderator": moderator, "other_mod": other_mod, "author": author, "entries": entries}


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_moderators_see_every_entry_newest_first_with_private_notes(client, world):
    login(client, world["moderator"])
    response = client.get("/moderation/log")
    assert response.status_code == 200
    text = _text(response)
    assert SECRET in text and "Off-topic here" in text and "Secret Hidden Plan" in text
    assert "6 entries" in text
    assert text.index("Repeated spam") < text.index("Off-topic here") < text.index("Old lock")
    assert "automatically, after reports" in text and "@otto" in text
    assert "Reported as: Off-topic, Spam" in text


@pytest.mark.parametrize(
    ("args", "expected", "absent"),
    [
        ({"action": "suspend"}, ["Repeated spam"], ["Off-topic here", "Be kind"]),
        ({"moderator": "auto"}, ["1 entry"], ["Off-topic here"]),
        ({"target": "@anna"}, ["5 entries"], ["Old lock"]),
        ({"target": "ANNA"}, ["5 entries"], ["Old lock"]),
    ],
)
def test_filters(client, world, args, expected, absent):
    login(client, world["moderator"])
    text = _text(client.get("/moderation/log", query_string=args))
    for snippet in expected:
        assert snippet in text
    for snippet in absent:
        assert snippet not in text


def test_filter_by_moderator_and_date_range(client, world):
    login(client, world["moderator"])
    text = _text(client.get("/moderation/log", query_string={"moderator": world["other_mod"].id}))
    assert "2 entries" in text and "Repeated spam" in text and "Be kind" not in text
    today = utcnow().date()
    window = {"date_from": (today - timedelta(days=45)).isoformat(), "date_to": (today - timedelta(days=30))}
    text = _text(client.get("/moderation/log", query_string=window))
    assert "1 entry" in text and "Old lock" in text
    text = _text(client.get("/moderation/log", query_string={"date_from": today.isoformat()}))
    assert "5 entries" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"date_from": "2026-13-45"}, "Not a valid date value"),
        ({"date_to": "yesterday"}, "Not a valid date value"),
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "end date lies before the start date"),
        ({"action": "explode"}, "Not a valid choice"),
        ({"moderator": "99999999999999999999"}, "Not a valid choice"),
        ({"target": "nobody@example.org"}, "no account with this email address or handle"),
        ({"target": "x" * 300}, "Field cannot be longer"),
        ({"page": "abc"}, None),
    ],
)
def test_bad_filter_values_get_a_clear_message(client, world, args, message):
    login(client, world["moderator"])
    response = client.get("/moderation/log", query_string=args)
    text = _text(response)
    if message is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert message in text and "Some filters could not be used" in text
    assert "entries" in text  # the list is still shown, unfiltered by the bad value


def test_the_log_is_paginated(app, client, world):
    app.config["PAGE_SIZE"] = 2
    login(client, world["moderator"])
    first, third = _text(client.get("/moderation/log")), _text(client.get("/moderation/log?page=3"))
    assert "Page 1 of 3" in first and "Old lock" not in first and "Old lock" in third


def test_members_and_visitors_cannot_read_the_full_log(client, world):
    assert client.get("/moderation/log").status_code == 302
    login(client, world["author"])
    assert client.get("/moderation/log").status_code == 403


@pytest.mark.parametrize("viewer", [None, "author", "stranger", "moderator"])
def test_the_public_log_never_shows_private_notes(client, world, viewer):
    if viewer == "stranger":
        login(client, make_user())
    elif viewer:
        login(client, world[viewer])
    response = client.get("/moderation/public-log")
    assert response.status_code == 200
    text = _text(response)
    assert SECRET not in text and "Private note" not in text
    assert "mona@" not in text and "@mona" not in text and "@otto" not in text  # no moderators' details
    assert "Off-topic here" in text and "Repeated spam after warnings" in text  # public reasons are shown
    assert "Mona Moderator" in text


def test_the_public_log_names_only_what_the_viewer_may_see(client, world):
    text = _text(client.get("/moderation/public-log"))
    assert "Secret Hidden Plan" not in text and "a project you cannot see" in text
    assert "Public Garden" in text
    assert "member Anna Author" in text  # a suspension is public
    assert "Be kind" in text and text.count("a member") >= 1  # a warning does not name the member
    login(client, world["author"])  # the hidden project's owner still sees it
    assert "Secret Hidden Plan" in _text(client.get("/moderation/public-log"))


def test_the_footer_links_to_the_public_log(client, db):
    text = _text(client.get("/"))
    assert 'href="/moderation/public-log"' in text
