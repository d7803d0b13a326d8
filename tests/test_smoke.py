from tests.factories import make_actor, make_user


def test_home_page_lists_a_new_organisation(client):
    make_actor("Gemüsekooperative Nord", owner=make_user())
    response = client.get("/")
    assert response.status_code == 200
    assert "Gemüsekooperative Nord" in response.get_data(as_text=True)


def test_home_page_shows_visible_projects_only(client):
    from tests.project_factories import make_project

    owner = make_user()
    actor = make_actor("Solardach eG", owner=owner)
    make_project(actor, owner, title="Gemeinsame Solardächer")
    make_project(actor, owner, title="Geheimer Entwurf", visibility="draft")
    page = client.get("/").get_data(as_text=True)
    assert "Gemeinsame Solardächer" in page
    assert "Geheimer Entwurf" not in page
