"""Visitors' pages from the page cache: rendered once per change, each visitor's CSRF token and conditional
answers their own, members always live."""

import re

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Actor
from tests.factories import counted_statements, login_as, make_actor, make_user


@pytest.fixture
def cached(app):
    app.config["PAGE_CACHE"] = True
    return app


def token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_a_visitors_page_is_rendered_once_per_change(cached, client):
    make_actor("Erste Kooperative eG")
    db.session.commit()
    first = client.get("/organisations/")
    assert first.headers["X-Page-Cache"] == "miss"
    with counted_statements() as seen:
        again = client.get("/organisations/")
    assert again.headers["X-Page-Cache"] == "hit" and len(seen) == 1  # the version, nothing else
    assert "Erste Kooperative eG" in again.get_data(as_text=True)

    make_actor("Zweite Kooperative eG")  # any committed write a page could show
    db.session.commit()
    changed = client.get("/organisations/")
    assert changed.headers["X-Page-Cache"] == "miss"
    assert "Zweite Kooperative eG" in changed.get_data(as_text=True)


def test_a_core_write_that_bumps_the_version_shows_at_once(cached, client):
    actor = make_actor("Alter Name eG")
    db.session.commit()
    client.get(f"/organisations/{actor.slug}")
    db.session.execute(sa.update(Actor).where(Actor.id == actor.id).values(name="Neuer Name eG"))
    from innovex import cache

    cache.bump(cache.PAGES_TOPIC)
    db.session.commit()
    assert "Neuer Name eG" in client.get(f"/organisations/{actor.slug}").get_data(as_text=True)


def test_members_always_see_live_pages(cached, client):
    member = make_user()
    client.get("/organisations/")
    login_as(client, member)
    response = client.get("/organisations/")
    assert "X-Page-Cache" not in response.headers


def test_each_visitor_gets_their_own_csrf_token_that_works(cached, csrf_app):
    one, other = cached.test_client(), cached.test_client()
    first = one.get("/").get_data(as_text=True)
    served = other.get("/")
    assert served.headers["X-Page-Cache"] == "hit"
    second = served.get_data(as_text=True)
    assert token(first) != token(second) and "\x00" not in second
    switched = other.post("/language", data={"lang": "de", "next": "/", "csrf_token": token(second)})
    assert switched.status_code == 302
    german = other.get("/").get_data(as_text=True)
    assert 'lang="de"' in german  # the language is part of the key: not the English copy


def test_a_browsers_copy_is_confirmed_only_for_its_own_session(cached, client, app):
    etag = client.get("/projects/").headers["ETag"].strip('"')
    assert client.get("/projects/", headers={"If-None-Match": f'"{etag}"'}).status_code == 304
    stranger = app.test_client()
    stranger.get("/projects/")
    assert stranger.get("/projects/", headers={"If-None-Match": f'"{etag}"'}).status_code == 200


def test_pages_with_a_message_and_other_answers_are_not_kept(cached, client):
    assert client.get("/organisations/no-such-organisation").status_code == 404
    assert client.get("/organisations/no-such-organisation").status_code == 404
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Einmalige Nachricht")]
    shown = client.get("/")
    assert "Einmalige Nachricht" in shown.get_data(as_text=True) and "X-Page-Cache" not in shown.headers
    assert "Einmalige Nachricht" not in client.get("/").get_data(as_text=True)
