"""Picker fields on the project pages: a co-owner and the organisation filter named by name or address name,
an ambiguous or unknown name refused next to the field, and the markup suggest.js needs."""

import re

from innovex.models import ProjectCoOwner
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project


def _invite(client, project, text):
    return client.post(f"/projects/{project.slug}/coowners", data={"organisation": text})


def test_a_co_owner_is_invited_by_its_name(client, db):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner)
    partner = make_actor("Leipziger Lastenrad eG", owner=make_user())
    login_as(client, owner)
    response = _invite(client, project, "leipziger lastenrad EG")
    assert response.status_code == 302
    assert [c.actor for c in project.coowners] == [partner]


def test_an_ambiguous_or_unknown_name_is_refused_next_to_the_field(client, db):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner)
    make_actor("Doppelte eG")
    make_actor("Doppelte eG")
    make_actor("Versteckte eG", status="hidden")
    login_as(client, owner)
    for text, message in [
        ("Doppelte eG", "More than one organisation is called “Doppelte eG”"),
        ("Versteckte eG", "No organisation you can see is called “Versteckte eG”"),
        ("a\x00b", "Please remove invisible control characters."),
    ]:
        response = _invite(client, project, text)
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        error = re.search(r'<p class="field-error" id="organisation-error">([^<]*)</p>', page)
        assert error and message in error.group(1).replace("&#34;", '"'), text
        assert 'aria-describedby="organisation-error"' in page
    assert db.session.query(ProjectCoOwner).count() == 0


def test_the_field_carries_what_the_script_needs_and_the_page_loads_it(client, db):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner)
    login_as(client, owner)
    page = client.get(f"/projects/{project.slug}", headers={"Accept-Language": "de"}).get_data(as_text=True)
    field = re.search(r'<input[^>]*id="organisation"[^>]*>', page).group(0)
    assert 'data-suggest="actor"' in field and 'data-suggest-url="/api/v1/suggest"' in field
    assert 'autocomplete="off"' in field and "Keine Vorschläge." in field
    assert page.count("js/suggest.js") == 1


def test_the_organisation_filter_takes_a_name_and_says_when_it_cannot(client, db):
    owner = make_user()
    mine = make_actor("Stadtwerk Kollektiv", owner=owner)
    make_project(mine, owner, title="Wärmenetz")
    make_project(make_actor(), owner, title="Anderes Vorhaben")
    page = client.get("/projects/?organisation=stadtwerk+kollektiv").get_data(as_text=True)
    assert "Wärmenetz" in page and "Anderes Vorhaben" not in page
    assert 'value="stadtwerk kollektiv"' in page and "field-error" not in page
    page = client.get(f"/projects/?organisation={mine.slug}").get_data(as_text=True)
    assert "Wärmenetz" in page and "Anderes Vorhaben" not in page
    page = client.get("/projects/?organisation=Niemand", headers={"Accept-Language": "de"}).get_data(
        as_text=True
    )
    assert 'id="filter-organisation-error"' in page and "Niemand" in page
    assert "Wärmenetz" in page and "Anderes Vorhaben" in page  # a filter with an error filters nothing
    assert 'data-suggest="actor"' in page and "js/suggest.js" in page
