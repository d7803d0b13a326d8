import pytest

from innovex.extensions import db
from innovex.models import Invitation
from tests.factories import login, make_actor, make_user

ACCOUNT_PAGES = [
    ("get", "/account/"),
    ("get", "/account/settings"),
    ("get", "/account/email"),
    ("get", "/account/password"),
    ("post", "/account/settings"),
    ("post", "/account/email"),
    ("post", "/account/password"),
    ("post", "/account/logout-everywhere"),
]


@pytest.mark.parametrize(("method", "url"), ACCOUNT_PAGES)
def test_account_pages_need_a_login(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


@pytest.mark.parametrize(("method", "url"), [p for p in ACCOUNT_PAGES if p[0] == "get"])
def test_account_pages_render(client, method, url):
    login(client, make_user())
    assert client.get(url).status_code == 200


def test_dashboard_lists_my_organisations_with_role(client):
    me = make_user()
    make_actor("Gemüse eG", owner=me, slug="gemuese")
    make_actor("Netzwerk Nord", members=[me], slug="netzwerk-nord")
    make_actor("Fremde eG", owner=make_user(), slug="fremde")
    login(client, me)
    page = client.get("/account/").get_data(as_text=True)
    assert 'href="/organisations/gemuese"' in page and "Gemüse eG" in page
    assert 'href="/organisations/netzwerk-nord"' in page
    assert "Owner" in page and "Member" in page
    assert "Fremde eG" not in page
    assert 'href="/organisations/new"' in page


def test_dashboard_without_organisations_points_to_create_and_join(client):
    login(client, make_user())
    page = client.get("/account/").get_data(as_text=True)
    assert 'href="/organisations/new"' in page
    assert 'href="/organisations/"' in page


def test_dashboard_shows_invitations_to_my_email(client):
    me = make_user("anna@example.org")
    owner = make_user()
    inviting = make_actor("Einladende eG", owner=owner)
    mine_already = make_actor("Meine eG", owner=me)
    other = make_actor("Andere eG", owner=owner)
    db.session.add_all(
        [
            Invitation(
                actor=inviting, email="Anna@Example.org", role="editor", token="tok-mine", invited_by=owner
            ),
            Invitation(actor=mine_already, email="anna@example.org", token="tok-already"),
            Invitation(actor=other, email="someone@example.org", token="tok-other"),
        ]
    )
    db.session.commit()
    login(client, me)
    page = client.get("/account/").get_data(as_text=True)
    assert "Einladende eG" in page and "Editor" in page
    # The token stays in the mail: email addresses are not verified, so whoever types someone else's address
    # into their account must not find that person's invitations ready to accept here.
    assert "tok-mine" not in page and "tok-other" not in page
    assert "tok-already" not in page and "tok-other" not in page and "Andere eG" not in page
