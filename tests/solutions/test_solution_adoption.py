""" "Adopt this solution": the prefilled project form, the linked project, the builders' notices, and the
solution page showing where it was adopted."""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Membership, Notification, Project, SolutionAdoption
from innovex.notifications.render import describe
from innovex.projects.services import ProjectInput
from innovex.solutions import adoption
from tests.factories import login_as, make_user
from tests.solutions.solution_factories import make_solution


def _project_form(actor, **fields):
    return {
        "actor": str(actor.id),
        "title": "Cargo bikes for Kiez",
        "summary": "We reuse the booking calendar.",
        "body": "",
        "stage": "concept",
        "visibility": "public",
        **fields,
    }


def test_the_adopt_form_starts_prefilled(client, people):
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["other_member"])
    page = client.get(f"/solutions/{solution.slug}").get_data(as_text=True)
    assert f'href="/solutions/{solution.slug}/adopt"' in page
    form = client.get(f"/solutions/{solution.slug}/adopt").get_data(as_text=True)
    assert "Cargo bike booking – adopted" in form and "Book shared cargo bikes by the hour." in form
    assert "Mobilität" in form  # the tags of the project that built it
    assert "Kiezladen eG" in form


def test_adopting_creates_a_linked_project_and_tells_the_builders(app, client, people):
    coowner = make_user(display_name="Second Owner")
    db.session.add(Membership(actor=people["home"], user=coowner, role="owner"))
    db.session.commit()
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["other_member"])
    response = client.post(f"/solutions/{solution.slug}/adopt", data=_project_form(people["other"]))
    assert response.status_code == 303
    project = db.session.scalar(sa.select(Project).where(Project.title == "Cargo bikes for Kiez"))
    assert response.headers["Location"].endswith(f"/projects/{project.slug}")
    assert project.actor == people["other"] and project.author == people["other_member"]
    entry = db.session.scalar(sa.select(SolutionAdoption))
    assert (entry.solution, entry.project, entry.adopted_by) == (solution, project, people["other_member"])
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "solution_adopted")).all()
    assert sorted(n.user.display_name for n in notices) == ["Olga Owner", "Second Owner"]
    with app.test_request_context():
        text = describe(notices[0], notices[0].user)
    assert "Mia Other adopted your solution “Cargo bike booking” for Kiezladen eG" in text.text
    assert text.url.endswith(f"/projects/{project.slug}")

    page = client.get(f"/solutions/{solution.slug}").get_data(as_text=True)
    assert f'href="/projects/{project.slug}"' in page and "Cargo bikes for Kiez" in page
    project_page = client.get(f"/projects/{project.slug}").get_data(as_text=True)
    assert f'href="/solutions/{solution.slug}"' in project_page


def test_a_draft_adoption_is_not_shown_but_its_notice_leads_to_the_solution(app, client, people):
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["other_member"])
    client.post(f"/solutions/{solution.slug}/adopt", data=_project_form(people["other"], visibility="draft"))
    notice = db.session.scalar(sa.select(Notification).where(Notification.kind == "solution_adopted"))
    with app.test_request_context():
        text = describe(notice, people["owner"])
    assert "a project you cannot see" in text.text
    assert text.url.endswith(f"/solutions/{solution.slug}")
    login_as(client, None)
    page = client.get(f"/solutions/{solution.slug}").get_data(as_text=True)
    assert "Cargo bikes for Kiez" not in page and "No project has adopted this solution yet." in page


def test_bad_input_or_someone_elses_organisation_creates_nothing(client, people):
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["other_member"])
    response = client.post(f"/solutions/{solution.slug}/adopt", data=_project_form(people["other"], title=""))
    assert response.status_code == 422 and 'id="title-error"' in response.get_data(as_text=True)
    foreign = _project_form(people["home"])  # not one of the adopter's organisations
    assert client.post(f"/solutions/{solution.slug}/adopt", data=foreign).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SolutionAdoption)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0


def test_the_adopters_own_builders_are_not_told_about_their_own_adoption(people):
    solution = make_solution(people["project"], people["owner"])
    data = ProjectInput(
        title="Second run",
        summary="s",
        body="",
        stage="idea",
        visibility="public",
        seeking=[],
        tags=[],
        sectors=[],
        competencies=[],
    )
    project = adoption.adopt(solution, people["home"], people["owner"], data)
    db.session.commit()
    assert adoption.visible_adoptions(solution, None)[0].project == project
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0


def test_control_characters_in_the_adopting_project_are_refused(client, people):
    solution = make_solution(people["project"], people["owner"])
    login_as(client, people["other_member"])
    data = _project_form(people["other"], title="a\x00b")
    response = client.post(f"/solutions/{solution.slug}/adopt", data=data)
    assert response.status_code == 422 and 'id="title-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 1
