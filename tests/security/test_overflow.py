"""Numbers nobody's database can hold, typed into URLs and forms, give a clear answer and never a 500."""

import pytest

from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project

HUGE = "9223372036854775808"  # 2**63


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", f"/offerings/{HUGE}"),
        ("post", f"/notifications/{HUGE}/read"),
        ("post", f"/offerings/{HUGE}/delete"),
        ("get", f"/feedback/{HUGE}"),
        ("get", f"/projects/?page={HUGE}"),
        ("get", f"/notifications/?page={HUGE}"),
        ("get", f"/organisations/?page={HUGE}"),
        ("get", f"/api/v1/projects?page={HUGE}"),
        ("get", f"/api/v1/organisations?page={HUGE}"),
    ],
)
def test_huge_numbers_in_urls(client, method, path):
    login_as(client, make_user())
    response = getattr(client, method)(path)
    assert response.status_code in (200, 400, 404), response.status_code


def test_huge_feedback_ids_in_the_update_form(client):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner)
    login_as(client, owner)
    response = client.post(
        f"/projects/{project.slug}/updates/new",
        data={"title": "Version 2", "changes": "Neue Dächer", "body": "", "addressed": HUGE},
    )
    assert response.status_code in (400, 422)
    assert project.updates == []
