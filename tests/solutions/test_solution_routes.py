"""The solution routes for every role, publishing and editing through the client, field errors, CSRF,
hiding, the library page and the project and profile sections."""

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Solution, SolutionAdoption
from tests.factories import login_as
from tests.project_factories import make_project
from tests.solutions.solution_factories import make_solution

ROLES = ["anonymous", "bystander", "other_member", "member", "owner", "moderator"]
# (method, path template, {role: expected}); None: permitted, any success or redirect.
ROUTES = [
    ("get", "/solutions/", dict.fromkeys(ROLES, 200)),
    ("get", "/solutions/{slug}", dict.fromkeys(ROLES, 200)),
    (
        "get",
        "/solutions/{hidden}",
        {**dict.fromkeys(ROLES, 404), "member": 200, "owner": 200, "moderator": 200},
    ),
    (
        "get",
        "/solutions/{draft}",
        {**dict.fromkeys(ROLES, 404), "member": 200, "owner": 200, "moderator": 200},
    ),
    (
        "get",
        "/solutions/new/{project}",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member": 200, "owner": 200},
    ),
    (
        "post",
        "/solutions/new/{project}",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member": 422, "owner": 422},
    ),
    (
        "get",
        "/solutions/{slug}/edit",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member": 200, "owner": 200},
    ),
    (
        "post",
        "/solutions/{slug}/edit",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member": 422, "owner": 422},
    ),
    ("post", "/solutions/{slug}/hide", {**dict.fromkeys(ROLES, 403), "anonymous": 302, "moderator": None}),
    (
        "get",
        "/solutions/{slug}/adopt",
        {**dict.fromkeys(ROLES, 200), "anonymous": 302, "bystander": 403, "moderator": 403},
    ),
    (
        "post",
        "/solutions/{slug}/adopt",
        {**dict.fromkeys(ROLES, 422), "anonymous": 302, "bystander": 403, "moderator": 403},
    ),
    (
        "get",
        "/solutions/{hidden}/adopt",
        {**dict.fromkeys(ROLES, 404), "anonymous": 302, "member": 403, "owner": 403, "moderator": 403},
    ),
]
CASES = [(m, p, role, codes[role]) for m, p, codes in ROUTES for role in ROLES]


@pytest.mark.parametrize(("method", "path", "role", "expected"), CASES)
def test_route_and_role(client, people, method, path, role, expected):
    solution = make_solution(people["project"], people["owner"])
    hidden = make_solution(people["project"], people["owner"], title="Hidden one")
    hidden.hidden_at = hidden.published_at
    draft_project = make_project(people["home"], people["owner"], visibility="draft")
    draft = make_solution(draft_project, people["owner"], title="In a draft")
    db.session.commit()
    if role != "anonymous":
        login_as(client, people[role])
    url = path.format(
        slug=solution.slug, hidden=hidden.slug, draft=draft.slug, project=people["project"].slug
    )
    response = getattr(client, method)(url)
    if expected is None:
        assert response.status_code in (200, 303), url
    else:
        assert response.status_code == expected, url
    if expected != 200 and expected is not None:
        db.session.expire_all()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Solution)) == 3
        assert db.session.get(Solution, solution.id).hidden_at is None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SolutionAdoption)) == 0


def _form(**fields):
    return {
        "title": "Cargo bike booking",
        "summary": "Book shared cargo bikes by the hour.",
        "body": "It **works**.<script>alert(1)</script>",
        "blocks": "Booking calendar: reserves bikes by the hour\nLock adapter",
        "links": "Source code | https://code.example.org/bikes",
        "licence": "AGPL-3.0-or-later",
        "requirements": "A small server",
        "costs": "None but hosting",
        "contact": "olga@example.org",
        **fields,
    }


def test_an_owner_publishes_from_the_project_page(client, people):
    login_as(client, people["owner"])
    page = client.get(f"/projects/{people['project'].slug}").get_data(as_text=True)
    assert f'href="/solutions/new/{people["project"].slug}"' in page
    response = client.post(f"/solutions/new/{people['project'].slug}", data=_form())
    assert response.status_code == 303
    solution = db.session.scalar(sa.select(Solution))
    assert response.headers["Location"].endswith(f"/solutions/{solution.slug}")
    page = client.get(f"/solutions/{solution.slug}").get_data(as_text=True)
    assert "<strong>works</strong>" in page and "<script>" not in page
    assert "Booking calendar" in page and "Lock adapter" in page
    assert 'href="https://code.example.org/bikes"' in page
    assert "AGPL-3.0-or-later" in page and "A small server" in page and "Lastenrad eG" in page
    assert "Adopt this solution" in page  # an owner may adopt it for another project too
    project_page = client.get(f"/projects/{people['project'].slug}").get_data(as_text=True)
    assert f'href="/solutions/{solution.slug}"' in project_page
    profile = client.get(f"/organisations/{people['home'].slug}").get_data(as_text=True)
    assert "Solutions built" in profile and f'href="/solutions/{solution.slug}"' in profile


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"links": "javascript:alert(1)"}, "links", "please enter a web address"),
        ({"links": "Docs | https://"}, "links", "please enter a web address"),
        ({"blocks": "Calendar\ncalendar"}, "blocks", "is listed twice"),
        ({"summary": "x" * 501}, "summary", "Field cannot be longer than 500 characters."),
    ],
)
def test_bad_input_shows_field_errors_and_writes_nothing(client, people, fields, field, message):
    login_as(client, people["owner"])
    response = client.post(f"/solutions/new/{people['project'].slug}", data=_form(**fields))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page and message in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Solution)) == 0


def test_editing_keeps_the_slug_and_a_bad_edit_changes_nothing(client, people):
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["member"])
    form = client.get(f"/solutions/{solution.slug}/edit").get_data(as_text=True)
    assert "Booking calendar: reserves bikes by the hour" in form and "Source code | https://" in form
    response = client.post(f"/solutions/{solution.slug}/edit", data=_form(title="Renamed", links="ftp://x"))
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Solution, solution.id).title == "Cargo bike booking"
    response = client.post(f"/solutions/{solution.slug}/edit", data=_form(title="Renamed"))
    assert response.status_code == 303
    db.session.expire_all()
    renamed = db.session.get(Solution, solution.id)
    assert renamed.title == "Renamed" and renamed.slug == solution.slug
    assert [b.name for b in renamed.blocks] == ["Booking calendar", "Lock adapter"]


def test_a_moderator_hides_and_shows_again(client, people):
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["moderator"])
    assert client.post(f"/solutions/{solution.slug}/hide", data={"hidden": "1"}).status_code == 303
    login_as(client, None)
    assert client.get(f"/solutions/{solution.slug}").status_code == 404
    assert solution.title not in client.get("/solutions/").get_data(as_text=True)
    login_as(client, people["moderator"])
    client.post(f"/solutions/{solution.slug}/hide", data={"hidden": "0"})
    login_as(client, None)
    assert client.get(f"/solutions/{solution.slug}").status_code == 200


def test_forms_need_the_csrf_token(csrf_app, client, people):
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["owner"])
    assert 'name="csrf_token"' in client.get(f"/solutions/{solution.slug}/edit").get_data(as_text=True)
    for url in (
        f"/solutions/new/{people['project'].slug}",
        f"/solutions/{solution.slug}/edit",
        f"/solutions/{solution.slug}/adopt",
    ):
        assert client.post(url, data=_form(title="Hijacked")).status_code == 400, url
    login_as(client, people["moderator"])
    assert client.post(f"/solutions/{solution.slug}/hide").status_code == 400
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Solution)) == 1
    assert db.session.get(Solution, solution.id).hidden_at is None


def test_an_unconfirmed_address_cannot_publish(client, people):
    people["owner"].email_verified_at = None
    db.session.commit()
    login_as(client, people["owner"])
    assert client.post(f"/solutions/new/{people['project'].slug}", data=_form()).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Solution)) == 0


def test_unknown_addresses_and_odd_queries(client, people):
    assert client.get("/solutions/no-such-solution").status_code == 404
    login_as(client, people["owner"])
    assert client.get("/solutions/new/no-such-project").status_code == 404
    assert client.get("/solutions/?page=abc&sector=%00&q=" + "x" * 500).status_code == 200


def test_the_library_lists_and_filters(client, people):
    make_solution(people["project"], people["owner"])
    page = client.get("/solutions/").get_data(as_text=True)
    assert "Cargo bike booking" in page and "1 solution" in page
    assert "Cargo bike booking" not in client.get("/solutions/?q=solar").get_data(as_text=True)
    assert "Cargo bike booking" in client.get("/solutions/?tag=mobilit%C3%A4t").get_data(as_text=True)


def test_the_footer_links_to_the_library(client):
    assert 'href="/solutions/"' in client.get("/").get_data(as_text=True)


def test_the_pages_speak_german(client, people):
    solution = make_solution(people["project"], people["owner"])
    german = {"Accept-Language": "de"}
    assert "Lösungsbibliothek" in client.get("/solutions/", headers=german).get_data(as_text=True)
    page = client.get(f"/solutions/{solution.slug}", headers=german).get_data(as_text=True)
    assert "Bausteine" in page and "Gebaut von" in page and "Übernommen von" in page
    assert ">Lösungen</a>" in client.get("/", headers=german).get_data(as_text=True)


def test_control_characters_are_refused_next_to_their_field(client, people):
    login_as(client, people["owner"])
    response = client.post(f"/solutions/new/{people['project'].slug}", data=_form(title="a\x00b"))
    assert response.status_code == 422 and 'id="title-error"' in response.get_data(as_text=True)
    response = client.post(f"/solutions/new/{people['project'].slug}", data=_form(blocks="Cal\x00endar"))
    assert response.status_code == 422 and 'id="blocks-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Solution)) == 0
