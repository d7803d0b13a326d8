"""Downloading everything innovex holds about oneself, as JSON."""

import json

import pytest

from innovex.account.personal_data import FORMAT, VERSION
from innovex.extensions import db as _db
from tests.account.world import build_world
from tests.conftest import build_app
from tests.factories import login, make_user

SECTIONS = {
    "format", "version", "generated_at", "site", "account", "login_sessions", "memberships",
    "membership_requests",
    "invitations_sent", "invitations_received", "relations_proposed", "projects", "project_updates",
    "feedback",
    "interests", "helpful_marks", "follows", "notifications", "reports_filed", "moderation_concerning_you",
    "moderation_actions_taken", "impulses", "subscriptions",
}  # fmt: skip


@pytest.fixture
def world(client):
    world = build_world()
    login(client, world.anna)
    return world


def download(client) -> dict:
    response = client.get("/account/data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="innovex-personal-data-anna.json"'
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.get_data(as_text=True))


def test_the_download_has_every_kind_of_data(client, world):
    data = download(client)
    assert set(data) == SECTIONS
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    account = data["account"]
    assert (account["email"], account["display_name"], account["handle"]) == (
        "anna@example.org",
        "Anna Schmidt",
        "anna",
    )
    assert "password_hash" not in account and "session_version" not in account
    assert account["two_factor_enabled_at"] is None and "totp_secret" not in account
    (device,) = data["login_sessions"]
    assert set(device) == {"created_at", "last_seen_at", "browser", "platform", "address_prefix", "remember"}
    assert device["address_prefix"] == "127.0.0.0/24" and device["remember"] is False
    assert [(m["organisation"]["name"], m["role"]) for m in data["memberships"]] == [
        ("Gemeinsam eG", "editor")
    ]
    assert [(r["organisation"]["name"], r["kind"], r["message"]) for r in data["membership_requests"]] == [
        ("Bens Kollektiv", "join", "Darf ich?")
    ]
    assert [i["email"] for i in data["invitations_sent"]] == ["carla@example.org"]
    assert [(i["organisation"]["name"], i["role"]) for i in data["invitations_received"]] == [
        ("Andere eG", "editor")
    ]
    assert [p["project"]["title"] for p in data["projects"]] == ["Annas Projekt"]
    assert data["projects"][0]["project"]["url"].endswith(f"/projects/{world.project.slug}")
    assert [u["title"] for u in data["project_updates"]] == ["Erste Fassung"]
    [feedback] = data["feedback"]
    assert feedback["body"] == "Annas Idee, zweite Fassung"
    assert [r["body"] for r in feedback["revisions"]] == ["Annas Idee, erste Fassung"]
    assert [m["feedback_id"] for m in data["helpful_marks"]] == [world.bens_feedback.id]
    assert {f["project"]["title"] for f in data["follows"]} == {"Annas Projekt"}
    [notification] = data["notifications"]
    assert notification["kind"] == "reply"
    assert "Ben Berg replied" in notification["text"]
    assert [i["message"] for i in data["interests"]] == ["Wir helfen gern"]
    assert [(r["kind"], r["object"]["name"]) for r in data["relations_proposed"]] == [
        ("partner_of", "Bens Kollektiv")
    ]
    assert [r["note"] for r in data["reports_filed"]] == ["Annas Meldung"]
    [action] = data["moderation_concerning_you"]
    assert (action["action"], action["reason"]) == ("warn", "Bitte freundlich bleiben")
    assert [i["title"] for i in data["impulses"]] == ["Annas Aufruf"]
    assert data["generated_at"].endswith("Z")


def test_the_download_holds_nothing_of_other_people(client, world):
    text = client.get("/account/data.json").get_data(as_text=True)
    for secret in (
        "ben@example.org",  # another member's address
        "dora@example.org",  # an invitation to someone else
        "Bens geheime Notiz",  # who reported Anna and what they wrote
        "Moderatorennotiz",  # the moderators' private note
        "Bens Frage",  # another member's feedback
        world.anna.password_hash,
    ):
        assert secret not in text


def test_the_download_is_for_logged_in_members_only(client):
    response = client.get("/account/data.json")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_another_member_gets_their_own_data(app, world):
    other = app.test_client()
    login(other, world.ben)
    data = json.loads(other.get("/account/data.json").get_data(as_text=True))
    assert data["account"]["email"] == "ben@example.org"
    text = json.dumps(data, ensure_ascii=False)
    assert "Annas Meldung" not in text and "Darf ich?" not in text and "Moderatorennotiz" not in text
    assert "Bens geheime Notiz" in text  # his own report, as he filed it


def test_the_data_page_and_the_settings_link_to_the_download(client, world):
    assert "/account/data" in client.get("/account/settings").get_data(as_text=True)
    page = client.get("/account/data").get_data(as_text=True)
    assert "/account/data.json" in page
    assert "/account/delete" in page


@pytest.fixture
def limited(tmp_path):
    app = build_app(
        tmp_path, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True, RATELIMIT_PERSONAL_DATA="2 per minute"
    )
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


def test_downloads_are_rate_limited(limited):
    client = limited.test_client()
    login(client, make_user("anna@example.org", handle="anna"))
    codes = [client.get("/account/data.json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
