"""Required fields are marked where they are asked for: a visible "*" beside the label and the `required`
attribute on the input, both from the one form macro, on the main forms of a newcomer's first hour."""

import re

import pytest

from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project

FIELD = re.compile(r'<div class="field[^"]*">(.*?)</div>', re.S)
CONTROL = re.compile(r"<(?:input|select|textarea)\b[^>]*>")


def fields(html: str) -> dict[str, tuple[bool, bool]]:
    """For each field on the page: (marked with "*", its control has the required attribute)."""
    found = {}
    for block in FIELD.findall(html):
        control = CONTROL.search(block)
        name = re.search(r'name="([^"]+)"', control.group(0)) if control else None
        if name:
            required = bool(re.search(r"\srequired(?:[\s>=]|$)", control.group(0)))
            found[name.group(1)] = ('class="required"' in block, required)
    return found


@pytest.fixture
def owner_with_project(app):
    owner = make_user()
    actor = make_actor("Markierte eG", owner=owner)
    return owner, actor, make_project(actor, owner)


@pytest.mark.parametrize(
    ("url", "required"),
    [
        ("/organisations/new", {"name", "country"}),
        ("/projects/new", {"title", "summary"}),
        ("/projects/{project}", {"kind", "body"}),
        ("/organisations/{actor}/delete", {"confirm"}),
    ],
)
def test_required_fields_carry_a_marker_and_the_attribute(client, owner_with_project, url, required):
    owner, actor, project = owner_with_project
    login_as(client, owner)
    html = client.get(url.format(project=project.slug, actor=actor.slug)).get_data(as_text=True)
    shown = fields(html)
    assert all(shown[name] == (True, True) for name in required), shown
    for name, (marked, attribute) in shown.items():
        assert marked == attribute, name  # a marker without the attribute, or the other way round


def test_registration_marks_its_required_fields(client):
    shown = fields(client.get("/auth/register").get_data(as_text=True))
    assert shown["email"] == shown["password"] == (True, True)
