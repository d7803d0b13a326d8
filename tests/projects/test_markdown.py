"""Markdown headings in a project description are content headings; the editor says what Markdown does."""

import re

from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project

DE = {"Accept-Language": "de"}


def test_a_heading_in_the_description_is_an_h3_below_the_page_headings(client):
    owner = make_user()
    body = "## Worum es geht\n\nEin Lastenrad für alle.\n\n### Nächste Schritte\n\n<script>alert(1)</script>"
    project = make_project(make_actor(owner=owner), owner, body=body)
    page = client.get(f"/projects/{project.slug}", headers=DE).get_data(as_text=True)
    assert "<h3>Worum es geht</h3>" in page and "<h4>Nächste Schritte</h4>" in page
    assert "<script>alert(1)" not in page
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", page)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_editor_help_says_which_markdown_works(client):
    owner = make_user()
    make_actor(owner=owner)
    login_as(client, owner)
    page = client.get("/projects/new", headers=DE).get_data(as_text=True)
    assert "## Überschriften" in page and "**fett**" in page
