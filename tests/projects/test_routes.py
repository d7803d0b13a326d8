"""Project pages through the test client: create, edit, list filters and sorts, updates, follow, CSRF."""

import sqlalchemy as sa

from innovex.models import Feedback, Follow, Notification, Project, ProjectUpdate
from tests.conftest import build_app
from tests.factories import counted_statements, login_as, make_actor, make_user
from tests.project_factories import make_project

FORM = {
    "title": "Gemeinsame Kasse",
    "summary": "Eine Kasse für alle Läden.",
    "body": "# Plan\n\n*bald*",
    "stage": "pilot",
    "seeking": ["partners", "pilot_users"],
    "tags": "Kasse, Open Source",
    "competencies": "Python, Buchhaltung",
    "region": "Hamburg",
    "visibility": "network",
}


def projects(db) -> list[Project]:
    return list(db.session.scalars(sa.select(Project)))


def test_create_project_through_the_form(client, db):
    user = make_user()
    actor = make_actor(owner=user)
    login_as(client, user)
    response = client.post("/projects/new", data={**FORM, "actor": actor.id, "sectors": ["agriculture"]})
    assert response.status_code == 302
    (project,) = projects(db)
    assert response.headers["Location"].endswith(f"/projects/{project.slug}")
    assert project.actor_id == actor.id and project.author_id == user.id
    assert project.seeking == ["partners", "pilot_users"]
    assert [t.name for t in project.tags] == ["Kasse", "Open Source"]
    assert [s.slug for s in project.sectors] == ["agriculture"]
    assert db.session.get(Follow, (user.id, project.id)) is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Gemeinsame Kasse" in page and "<em>bald</em>" in page


def test_create_form_offers_only_own_organisations(client, db):
    user = make_user()
    make_actor("Meine eG", owner=user)
    make_actor("Fremde eG", owner=make_user())
    login_as(client, user)
    page = client.get("/projects/new").get_data(as_text=True)
    assert "Meine eG" in page and "Fremde eG" not in page


def test_create_with_bad_input_shows_field_errors_and_writes_nothing(client, db):
    user = make_user()
    actor = make_actor(owner=user)
    foreign = make_actor(owner=make_user())
    login_as(client, user)
    cases = [
        {"title": ""},
        {"title": "x" * 201},
        {"summary": "x" * 501},
        {"body": "x" * 50_001},
        {"stage": "dream"},
        {"seeking": ["money"]},
        {"visibility": "secret"},
        {"actor": foreign.id},
        {"actor": "abc"},
        {"sectors": ["nope"]},
    ]
    for case in cases:
        response = client.post("/projects/new", data={**FORM, "actor": actor.id, **case})
        assert response.status_code == 422, case
        assert 'class="field-error"' in response.get_data(as_text=True), case
    assert projects(db) == []


def test_edit_keeps_slug(client, db):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner, title="Alter Titel")
    slug = project.slug
    login_as(client, owner)
    assert client.get(f"/projects/{slug}/edit").status_code == 200
    response = client.post(f"/projects/{slug}/edit", data={**FORM, "title": "Neuer Titel"})
    assert response.status_code == 302
    db.session.expire_all()
    assert project.title == "Neuer Titel" and project.slug == slug and project.visibility == "network"


def test_drafts_are_404_for_non_owners(client, db):
    owner = make_user()
    project = make_project(make_actor(owner=owner), owner, visibility="draft")
    assert client.get(f"/projects/{project.slug}").status_code == 404
    login_as(client, make_user())
    assert client.get(f"/projects/{project.slug}").status_code == 404
    login_as(client, owner)
    assert client.get(f"/projects/{project.slug}").status_code == 200


def test_list_filters_sorts_and_counts(client, db):
    owner = make_user()
    actor_a, actor_b = make_actor(owner=owner, slug="org-a"), make_actor(owner=make_user(), slug="org-b")
    quiet = make_project(actor_a, owner, title="Leise", stage="idea", seeking=["knowledge"], tags=["solar"])
    busy = make_project(actor_b, owner, title="Belebt", stage="pilot", seeking=["partners"])
    for _ in range(3):
        db.session.add(Feedback(project=busy, author=owner, kind="idea", body="b", body_html="b"))
    db.session.add(
        Feedback(
            project=quiet, author=owner, kind="idea", body="d", body_html="d", deleted_at=quiet.created_at
        )
    )
    db.session.commit()

    def titles(query: str) -> list[str]:
        page = client.get(f"/projects/?{query}").get_data(as_text=True)
        return [t for t in ("Leise", "Belebt") if f">{t}</a>" in page]

    assert titles("stage=pilot") == ["Belebt"]
    assert titles("seeking=knowledge") == ["Leise"]
    assert titles("tag=Solar") == ["Leise"]
    assert titles("organisation=org-b") == ["Belebt"]
    assert titles("stage=nonsense&sort=nonsense") == ["Leise", "Belebt"]
    page = client.get("/projects/?sort=feedback").get_data(as_text=True)
    assert page.index(">Belebt<") < page.index(">Leise<")
    assert "3 feedback items" in page or "3 Rückmeldungen" in page or "3 " in page
    assert "0 " in page  # the deleted item does not count


def test_list_paginates_and_keeps_filters(client, app, db):
    app.config["PAGE_SIZE"] = 2
    owner = make_user()
    actor = make_actor(owner=owner)
    for i in range(5):
        make_project(actor, owner, title=f"Projekt {i}", stage="pilot")
    make_project(actor, owner, title="Anderes", stage="idea")
    page = client.get("/projects/?stage=pilot").get_data(as_text=True)
    assert "page=2" in page and "stage=pilot" in page.split('rel="next"')[1].split(">")[0]
    last = client.get("/projects/?stage=pilot&page=3").get_data(as_text=True)
    assert "Projekt 0" in last and "Anderes" not in last


def test_list_needs_one_query_regardless_of_rows(client, app, db):
    owner = make_user()
    actor = make_actor(owner=owner)
    for i in range(6):
        make_project(actor, owner, title=f"Projekt {i}", tags=["a"])
    with counted_statements(only=None) as statements:
        client.get("/projects/?sort=feedback")
    counts = [s for s in statements if "count(feedback.id)" in s.lower()]
    assert len(counts) == 1  # the feedback count is a subquery of the list query, not one per row


def test_feed_is_atom_with_escaped_text(client, db):
    owner = make_user()
    make_project(make_actor(owner=owner), owner, title="A & B <script>alert(1)</script>\x07")
    response = client.get("/projects/feed.xml")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    from xml.etree import ElementTree

    root = ElementTree.fromstring(response.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.find("a:entry/a:title", ns).text == "A & B <script>alert(1)</script>"


def test_post_update_form_and_detail_shows_addressed_feedback(client, db):
    owner, critic = make_user(), make_user()
    project = make_project(make_actor(owner=owner), owner)
    item = Feedback(
        project=project, author=critic, kind="concern", body="zu teuer", body_html="<p>zu teuer</p>"
    )
    db.session.add(item)
    db.session.commit()
    login_as(client, owner)
    assert "zu teuer" in client.get(f"/projects/{project.slug}/updates/new").get_data(as_text=True)
    data = {"title": "Günstiger", "changes": "Preis halbiert", "body": "Details", "addressed": [item.id]}
    response = client.post(f"/projects/{project.slug}/updates/new", data=data)
    assert response.status_code == 302
    page = client.get(f"/projects/{project.slug}").get_data(as_text=True)
    assert "Preis halbiert" in page and f'href="#feedback-{item.id}"' in page
    assert (
        db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == critic.id))
        == "addressed"
    )


def test_an_update_has_one_name_and_the_form_lists_feedback_by_type_author_and_words(client, db):
    owner, critic = make_user(), make_user(display_name="Carla Critic")
    project = make_project(make_actor(owner=owner), owner)
    item = Feedback(
        project=project, author=critic, kind="concern", body="Zu teuer für Vereine", body_html="<p>x</p>"
    )
    db.session.add(item)
    db.session.commit()
    login_as(client, owner)
    form = client.get(f"/projects/{project.slug}/updates/new").get_data(as_text=True)
    assert "Concern · Carla Critic: Zu teuer für Vereine" in form and f"#{item.id}" not in form
    data = {"title": "Günstiger", "changes": "Preis halbiert", "addressed": [item.id]}
    response = client.post(f"/projects/{project.slug}/updates/new", data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Update 1 has been posted." in page
    assert "Update 1: Günstiger" in page and "Version 1" not in page
    assert "addressed in Update 1" in page
    assert f'href="#feedback-{item.id}">Concern by Carla Critic</a>' in page
    login_as(client, critic)
    notices = client.get("/notifications/").get_data(as_text=True)
    assert "was addressed in Update 1." in notices


def test_post_update_with_foreign_feedback_writes_nothing(client, db):
    owner = make_user()
    actor = make_actor(owner=owner)
    project, other = make_project(actor, owner), make_project(actor, owner)
    foreign = Feedback(project=other, author=make_user(), kind="idea", body="x", body_html="x")
    db.session.add(foreign)
    db.session.commit()
    login_as(client, owner)
    data = {"title": "T", "changes": "C", "addressed": [foreign.id]}
    response = client.post(f"/projects/{project.slug}/updates/new", data=data)
    assert response.status_code == 422
    assert "field-error" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProjectUpdate)) == 0
    assert db.session.get(Feedback, foreign.id).addressed_in_id is None


def test_follow_unfollow_and_close_reopen(client, db):
    owner, reader = make_user(), make_user()
    project = make_project(make_actor(owner=owner), owner)
    login_as(client, reader)
    assert client.post(f"/projects/{project.slug}/follow").status_code == 302
    assert db.session.get(Follow, (reader.id, project.id)) is not None
    assert client.post(f"/projects/{project.slug}/unfollow").status_code == 302
    assert db.session.get(Follow, (reader.id, project.id)) is None
    login_as(client, owner)
    client.post(f"/projects/{project.slug}/status", data={"status": "closed"})
    db.session.expire_all()
    assert project.status == "closed"
    client.post(f"/projects/{project.slug}/status", data={"status": "open"})
    db.session.expire_all()
    assert project.status == "open"


def test_coowner_flow_through_the_pages(client, db):
    owner_a, owner_b = make_user(), make_user()
    actor_a, actor_b = make_actor(owner=owner_a), make_actor(owner=owner_b)
    project = make_project(actor_a, owner_a, visibility="draft")
    login_as(client, owner_a)
    bad = client.post(f"/projects/{project.slug}/coowners", data={"organisation": "nope"})
    assert bad.status_code == 422 and project.coowners == []
    assert "nope" in bad.get_data(as_text=True)  # the error next to the field quotes what was typed
    client.post(f"/projects/{project.slug}/coowners", data={"organisation": actor_b.slug})
    login_as(client, owner_b)
    page = client.get(f"/projects/{project.slug}").get_data(as_text=True)
    assert "Accept" in page or "Annehmen" in page
    assert client.get(f"/projects/{project.slug}/edit").status_code == 403
    response = client.post(f"/projects/{project.slug}/coowners/{actor_b.slug}/accept")
    assert response.status_code == 302
    assert client.get(f"/projects/{project.slug}/edit").status_code == 200


def test_post_without_csrf_token_is_refused(csrf_app, db):
    client = csrf_app.test_client()
    owner = make_user()
    actor = make_actor(owner=owner)
    project = make_project(actor, owner)
    login_as(client, owner)
    posts = [
        ("/projects/new", {**FORM, "actor": actor.id}),
        (f"/projects/{project.slug}/edit", {**FORM, "title": "Gekapert"}),
        (f"/projects/{project.slug}/status", {"status": "closed"}),
        (f"/projects/{project.slug}/updates/new", {"title": "T", "changes": "C"}),
        (f"/projects/{project.slug}/unfollow", {}),
        ("/notifications/read", {}),
        ("/notifications/settings", {"email_preference": "instant"}),
    ]
    for url, data in posts:
        assert client.post(url, data=data).status_code == 400, url
    db.session.expire_all()
    assert len(projects(db)) == 1 and project.title != "Gekapert" and project.status == "open"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProjectUpdate)) == 0
    assert db.session.get(Follow, (owner.id, project.id)) is not None
    assert owner.email_preference == "off"


def test_project_creation_is_rate_limited_per_user(tmp_path):

    from innovex.extensions import db as _db
    from innovex.taxonomy import sync_taxonomies

    app = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_POST="2 per minute", WTF_CSRF_ENABLED=False)
    with app.app_context():
        _db.create_all()
        sync_taxonomies()
        user = make_user()
        actor = make_actor(owner=user)
        client = app.test_client()
        login_as(client, user)
        codes = [client.post("/projects/new", data={**FORM, "actor": actor.id}).status_code for _ in range(3)]
        assert codes == [302, 302, 429]
        assert _db.session.scalar(sa.select(sa.func.count()).select_from(Project)) == 2
        _db.session.remove()
        _db.drop_all()


def test_the_profile_and_the_account_lead_to_a_new_project_that_is_not_a_hidden_draft(client, db):
    """Issue 18: nothing led to creating a project, and /projects/new saved a draft unless changed."""
    user = make_user()
    make_actor("Andere eG", owner=user)
    actor = make_actor("Zweite eG", owner=user)
    login_as(client, user)
    link = f"/projects/new?actor={actor.slug}"
    assert link in client.get(f"/organisations/{actor.slug}").get_data(as_text=True)
    assert 'href="/projects/new"' in client.get("/account/").get_data(as_text=True)
    form = client.get(link).get_data(as_text=True)
    assert f'<option selected value="{actor.id}">Zweite eG</option>' in form
    assert 'checked id="visibility-1" name="visibility" required type="radio" value="network"' in form
    data = {key: value for key, value in FORM.items() if key != "visibility"}
    response = client.post("/projects/new", data={**data, "actor": actor.id}, follow_redirects=True)
    (project,) = projects(db)
    assert project.visibility == "network"
    assert "Members of the network see it once they are logged in." in response.get_data(as_text=True)
    assert f"/projects/new?actor={actor.slug}" not in client.get(
        f"/organisations/{make_actor('Fremde eG', owner=make_user()).slug}"
    ).get_data(as_text=True)
