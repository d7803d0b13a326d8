"""The "signed-in devices" list in the account settings: one's own sessions, each with a button to end it."""

import re

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import LoginSession
from tests.auth.helpers import FIREFOX_ON_LINUX, logged_in, remembered_client, session_ids
from tests.factories import PASSWORD, login, login_as, make_user


def browser(app, user, agent=FIREFOX_ON_LINUX, address="198.51.100.23"):
    """Another browser of the user, logged in from this agent and address."""
    client = app.test_client()
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"User-Agent": agent},
        environ_base={"REMOTE_ADDR": address},
    )
    assert response.status_code == 302
    return client


def rows(page: str) -> dict[str, str]:
    """The device table's rows by their id attribute, as text."""
    found = re.findall(r'<tr id="session-(\d+)">(.*?)</tr>', page, re.DOTALL)
    return {sid: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip() for sid, body in found}


def test_settings_list_my_sessions_and_mark_this_device(app, client):
    anna, ben = make_user(), make_user()
    login(client, anna)
    browser(app, anna)
    browser(app, ben)
    page = client.get("/account/settings").get_data(as_text=True)
    assert "Signed-in devices" in page
    listed = rows(page)
    mine = [str(i) for i in session_ids(anna)]
    assert sorted(listed) == sorted(mine)  # not Ben's
    this, other = listed[mine[0]], listed[mine[1]]
    assert "this device" in this and "this device" not in other
    assert "Firefox on Linux" in other and "198.51.100.0/24" in other and "198.51.100.23" not in page
    assert "Unknown device" in this  # the test client sends no browser name
    assert f'action="/account/sessions/{mine[1]}/end"' in page


def test_the_list_is_in_german_for_german_users(app, client):
    anna = make_user(locale="de")
    login(client, anna)
    browser(app, anna)
    client.post("/account/settings", data={"display_name": "Anna", "locale": "de"})
    page = client.get("/account/settings").get_data(as_text=True)
    assert "Angemeldete Geräte" in page and "dieses Gerät" in page and "Firefox unter Linux" in page


def test_ending_another_of_my_sessions_logs_that_browser_out(app, client):
    anna = make_user()
    login(client, anna)
    other = browser(app, anna)
    this_id, other_id = session_ids(anna)
    response = client.post(f"/account/sessions/{other_id}/end")
    assert response.status_code == 302 and response.headers["Location"] == "/account/settings"
    assert session_ids(anna) == [this_id]
    assert not logged_in(other) and logged_in(client)


def test_ending_this_session_logs_me_out(app, client):
    anna = make_user()
    client = remembered_client(app, anna)
    (this_id,) = session_ids(anna)
    response = client.post(f"/account/sessions/{this_id}/end")
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    assert session_ids(anna) == [] and not logged_in(client)


def test_someone_elses_session_is_not_found_and_stays(app, client):
    anna, ben = make_user(), make_user()
    login(client, anna)
    bens_browser = browser(app, ben)
    (bens_id,) = session_ids(ben)
    assert client.post(f"/account/sessions/{bens_id}/end").status_code == 404
    assert client.post("/account/sessions/999999/end").status_code == 404
    assert session_ids(ben) == [bens_id] and logged_in(bens_browser)


def test_ending_a_session_is_post_only_and_needs_a_login(app, client):
    anna = make_user()
    other = browser(app, anna)
    (other_id,) = session_ids(anna)
    assert client.post(f"/account/sessions/{other_id}/end").status_code == 302  # to the login page
    login(client, anna)
    assert client.get(f"/account/sessions/{other_id}/end").status_code == 405
    assert logged_in(other)


def test_ending_a_session_needs_the_csrf_token(csrf_app, client):
    anna = make_user()
    other = csrf_app.test_client()
    login_as(other, anna)
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/auth/login", data={"email": anna.email, "password": PASSWORD, "csrf_token": token})
    other_id = session_ids(anna)[0]
    assert client.post(f"/account/sessions/{other_id}/end").status_code == 400
    assert logged_in(other)


def test_deleting_the_account_deletes_its_sessions(app, client):
    anna = make_user()
    login(client, anna)
    browser(app, anna)
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 0
