"""The roadmap's pages: public reading, moderators' forms (errors next to the field, nothing written), and
every route for every role."""

import re

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import RoadmapChange, RoadmapMilestone, RoadmapTheme
from innovex.roadmap import services
from tests.factories import counted_statements, login_as, make_user
from tests.project_factories import make_project

ROLES = ["anonymous", "member", "owner", "moderator"]
EDITORS_ONLY = {"anonymous": 302, "member": 403, "owner": 403, "moderator": None}
ROUTES = [
    ("get", "/roadmap/", dict.fromkeys(ROLES, 200)),
    ("get", "/roadmap/{slug}", dict.fromkeys(ROLES, 200)),
    ("get", "/roadmap/no-such-theme", dict.fromkeys(ROLES, 404)),
    ("get", "/roadmap/new", EDITORS_ONLY),
    ("post", "/roadmap/new", EDITORS_ONLY),
    ("get", "/roadmap/{slug}/edit", EDITORS_ONLY),
    ("post", "/roadmap/{slug}/edit", EDITORS_ONLY),
    ("post", "/roadmap/{slug}/archive", EDITORS_ONLY),
    ("get", "/roadmap/{slug}/milestones/new", EDITORS_ONLY),
    ("post", "/roadmap/{slug}/milestones/new", EDITORS_ONLY),
    ("get", "/roadmap/{slug}/milestones/{milestone}/edit", EDITORS_ONLY),
    ("post", "/roadmap/{slug}/milestones/{milestone}/edit", EDITORS_ONLY),
    ("post", "/roadmap/{slug}/milestones/{milestone}/links", EDITORS_ONLY),
    ("post", "/roadmap/{slug}/milestones/{milestone}/links/project/{project}/remove", EDITORS_ONLY),
    ("post", "/roadmap/{slug}/milestones/{milestone}/remove", EDITORS_ONLY),
    ("get", "/roadmap/{slug}/milestones/99999/edit", {**EDITORS_ONLY, "moderator": 404}),
]
CASES = [(m, p, role, codes[role]) for m, p, codes in ROUTES for role in ROLES]


def counts() -> tuple[int, ...]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (RoadmapTheme, RoadmapMilestone, RoadmapChange)
    )


@pytest.mark.parametrize(("method", "path", "role", "expected"), CASES)
def test_route_and_role(client, people, theme, method, path, role, expected):
    milestone = theme.milestones[0]
    services.link(milestone, people["moderator"], "project", people["project"].slug)
    db.session.commit()
    before = counts()
    if role != "anonymous":
        login_as(client, people[role])
    url = path.format(slug=theme.slug, milestone=milestone.id, project=people["project"].id)
    response = getattr(client, method)(url)
    if expected is None:  # permitted; empty POST bodies either redirect or show the form with errors
        assert response.status_code in (200, 303, 422), url
    else:
        assert response.status_code == expected, url
        db.session.expire_all()
        assert counts() == before
        assert db.session.get(RoadmapTheme, theme.id).archived_at is None


def test_the_public_roadmap_shows_themes_timeline_and_milestones(client, people, theme):
    page = client.get("/roadmap/").get_data(as_text=True)
    assert "Mobilität" in page and "Pilot in Leipzig" in page
    assert '<svg viewBox="0 0 1000 84" role="img"' in page
    assert "Add a theme" not in page  # no tools for visitors
    detail = client.get(f"/roadmap/{theme.slug}").get_data(as_text=True)
    assert "Weniger Autos" in detail and "Milestone added: Pilot in Leipzig" in detail
    assert "Edit milestone" not in detail


def test_members_see_network_projects_on_the_roadmap_visitors_do_not(client, people, theme):
    shared = make_project(people["home"], people["owner"], title="Nur fürs Netzwerk", visibility="network")
    services.link(theme.milestones[0], people["moderator"], "project", shared.slug)
    db.session.commit()
    assert "Nur fürs Netzwerk" not in client.get(f"/roadmap/{theme.slug}").get_data(as_text=True)
    login_as(client, people["member"])
    assert "Nur fürs Netzwerk" in client.get(f"/roadmap/{theme.slug}").get_data(as_text=True)


def test_a_moderator_adds_a_theme_and_a_milestone_through_the_forms(client, people):
    login_as(client, people["moderator"])
    response = client.post(
        "/roadmap/new",
        data={"name": "Energie", "goal": "Sonne auf **jedes** Dach", "horizon_on": "2032-01-01"},
    )
    assert response.status_code == 303 and response.headers["Location"] == "/roadmap/energie"
    response = client.post(
        "/roadmap/energie/milestones/new",
        data={"title": "100 Dächer", "due_on": "2028-05-01", "state": "in_progress", "description": ""},
    )
    assert response.status_code == 303
    page = client.get("/roadmap/energie").get_data(as_text=True)
    assert "<strong>jedes</strong>" in page and "100 Dächer" in page and "In progress" in page


@pytest.mark.parametrize(
    ("path", "data", "field", "message"),
    [
        ("/roadmap/new", {"name": ""}, "name", "This field is required."),
        (
            "/roadmap/new",
            {"name": "Energie", "horizon_on": "31.12.2030"},
            "horizon_on",
            "Not a valid date value.",
        ),
        ("/roadmap/{slug}/milestones/new", {"title": "X", "state": "done"}, "state", "Not a valid choice."),
        (
            "/roadmap/{slug}/milestones/new",
            {"title": "X", "state": "planned", "reached_on": "2026-01-01"},
            "reached_on",
            "Only a reached milestone has a date it was reached.",
        ),
        (
            "/roadmap/{slug}/milestones/{milestone}/links",
            {"kind": "project", "slug": "no-such-project"},
            "slug",
            "No project you can see is called",
        ),
    ],
)
def test_bad_input_shows_the_error_next_to_its_field_and_writes_nothing(
    client, people, theme, path, data, field, message
):
    login_as(client, people["moderator"])
    before = counts()
    response = client.post(path.format(slug=theme.slug, milestone=theme.milestones[0].id), data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(rf'<p class="field-error" id="{field}-error">[^<]*{re.escape(message)}', page), page[
        -2000:
    ]
    db.session.expire_all()
    assert counts() == before


def test_a_moderator_attaches_and_detaches_a_project(client, people, theme):
    login_as(client, people["moderator"])
    milestone = theme.milestones[0]
    project = people["project"]
    response = client.post(
        f"/roadmap/{theme.slug}/milestones/{milestone.id}/links",
        data={"kind": "project", "slug": project.slug},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"#milestone-{milestone.id}")
    page = client.get(f"/roadmap/{theme.slug}").get_data(as_text=True)
    assert f'href="/projects/{project.slug}"' in page
    client.post(f"/roadmap/{theme.slug}/milestones/{milestone.id}/links/project/{project.id}/remove")
    db.session.expire_all()
    assert db.session.get(RoadmapMilestone, milestone.id).projects == []


def test_the_roadmap_reads_in_german(client, theme):
    page = client.get("/roadmap/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Innovations-Roadmap" in page and "Geplant" in page


def test_a_moderator_without_two_factor_login_is_sent_to_set_it_up_first(client, db):
    moderator = make_user(role="moderator", two_factor=False)
    login_as(client, moderator)
    response = client.get("/roadmap/new")
    assert response.status_code in (302, 303) and "/account/two-factor" in response.headers["Location"]
    assert "Add a theme" not in client.get("/roadmap/").get_data(as_text=True)


def test_the_theme_log_costs_the_same_queries_for_2_and_12_projects_attached_and_detached(
    client, people, theme
):
    milestone = theme.milestones[0]
    seen_counts, made = [], 0
    for total in (2, 12):
        while made < total:  # attached and detached again: only the log names them now
            project = make_project(people["home"], people["owner"], title=f"Projekt {made}")
            services.link(milestone, people["moderator"], "project", project.slug)
            services.unlink(milestone, people["moderator"], "project", project.id)
            made += 1
        db.session.commit()
        client.get(f"/roadmap/{theme.slug}")  # the site's settings and taxonomies are cached from here on
        db.session.expire_all()
        with counted_statements() as seen:
            page = client.get(f"/roadmap/{theme.slug}")
        assert page.status_code == 200 and "Projekt 1" in page.text
        seen_counts.append(len(seen))
    assert seen_counts[1] == seen_counts[0], seen_counts  # the log's targets load in one query, not one each


def test_a_call_is_attached_by_its_question(client, people, theme):
    from tests.calls.call_factories import make_call

    call = make_call(people["moderator"], question="Wie teilen wir Lastenräder?")
    login_as(client, people["moderator"])
    milestone = theme.milestones[0]
    response = client.post(
        f"/roadmap/{theme.slug}/milestones/{milestone.id}/links",
        data={"kind": "call", "slug": "wie teilen wir lastenräder?"},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(RoadmapMilestone, milestone.id).calls == [call]
    page = client.get(f"/roadmap/{theme.slug}").get_data(as_text=True)
    assert 'data-suggest-kind-from="kind"' in page
