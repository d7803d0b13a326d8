"""Feedback routes through the test client: who may read and post, errors, placeholders, CSRF, limits."""

import re

import pytest
import sqlalchemy as sa
from flask import g, request_started

from innovex.extensions import db as _db
from innovex.models import Feedback, FeedbackRevision, HelpfulMark
from innovex.models.base import utcnow
from tests.conftest import build_app
from tests.factories import login_as, make_actor, make_offering, make_user
from tests.feedback.conftest import post
from tests.project_factories import make_project


def count(db, model=Feedback) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_anonymous_visitors_read_but_cannot_post(client, db, project, member):
    item = post(project, member, "Visible **text**")
    html = page(client, f"/projects/{project.slug}")
    assert "<strong>text</strong>" in html and f'id="feedback-{item.id}"' in html
    assert "Log in to give feedback" in html or "Anmelden" in html
    response = client.post(f"/feedback/projects/{project.slug}", data={"kind": "idea", "body": "Hi"})
    assert response.status_code == 302 and "/auth/login" in response.location
    assert count(db) == 1


def test_unknown_and_absurd_ids_are_not_found(client, member):
    login_as(client, member)
    for item_id in ("999999", "9" * 30):
        assert client.get(f"/feedback/{item_id}").status_code == 404
        assert client.post(f"/feedback/{item_id}/helpful").status_code == 404
    assert client.post("/feedback/projects/no-such-project", data={"body": "Hi"}).status_code == 404


def test_a_member_posts_feedback_and_lands_on_it(client, db, project, member):
    login_as(client, member)
    response = client.post(
        f"/feedback/projects/{project.slug}", data={"kind": "question", "body": "How *much*?"}
    )
    item = db.session.scalar(sa.select(Feedback))
    assert response.status_code == 303
    assert response.location.endswith(f"/projects/{project.slug}#feedback-{item.id}")
    assert (item.kind, item.author_id, item.body_html) == ("question", member.id, "<p>How <em>much</em>?</p>")


def test_a_member_replies_through_the_reply_page(client, db, project, member, owner):
    top = post(project, member)
    login_as(client, owner)
    html = page(client, f"/feedback/{top.id}/reply")
    assert f'name="parent_id" type="hidden" value="{top.id}"' in html
    response = client.post(
        f"/feedback/projects/{project.slug}", data={"parent_id": str(top.id), "body": "An answer"}
    )
    assert response.status_code == 303
    reply = db.session.scalar(sa.select(Feedback).where(Feedback.parent_id == top.id))
    assert reply.depth == 1 and reply.kind is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "idea", "body": ""}, "Please write something."),
        ({"kind": "idea", "body": "x" * 20_001}, "under 20000 characters"),
        ({"kind": "", "body": "Hi"}, "choose the type"),
        ({"kind": "bogus", "body": "Hi"}, "Not a valid choice"),
        ({"kind": "idea", "body": "Hi", "actor_id": "abc"}, "Invalid Choice"),
        ({"kind": "idea", "body": "Hi", "parent_id": "x"}, "not part of this project"),
        ({"kind": "idea", "body": "Hi", "parent_id": "999999"}, "not part of this project"),
        ({"body": "Hi", "parent_id": "9" * 30}, "not part of this project"),
        ({"body": "Hi", "parent_id": "²"}, "not part of this project"),
        ({"kind": "idea", "body": "Hi", "actor_id": "9" * 30}, "Not a valid choice"),
    ],
)
def test_bad_input_is_shown_next_to_the_form_with_400(client, db, project, member, data, message):
    login_as(client, member)
    response = client.post(f"/feedback/projects/{project.slug}", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(db) == 0


def test_the_type_is_marked_required_and_a_missing_one_keeps_the_user_on_the_project_page(
    client, db, project, member
):
    login_as(client, member)
    html = page(client, f"/projects/{project.slug}")
    kind_field = re.search(r'<div class="field[^"]*">\s*<label for="kind">.*?</div>', html, re.S).group(0)
    assert 'class="required"' in kind_field and "required" in re.search(r"<select[^>]*>", kind_field).group(0)
    response = client.post(f"/feedback/projects/{project.slug}", data={"kind": "", "body": "My words"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="project-title"' in html  # the project page, not a separate form page
    error_field = r'<div class="field has-error">\s*<label for="kind">.*?</div>'
    kind_field = re.search(error_field, html, re.S).group(0)
    assert "choose the type" in kind_field
    assert "My words" in html  # what they typed is kept
    assert count(db) == 0


def test_foreign_organisations_and_offerings_are_refused(client, db, project, member):
    foreign = make_actor(owner=make_user())
    offering = make_offering(foreign)
    login_as(client, member)
    for field, value in (("actor_id", foreign.id), ("offering_id", offering.id)):
        response = client.post(
            f"/feedback/projects/{project.slug}", data={"kind": "offer", "body": "Hi", field: str(value)}
        )
        assert response.status_code == 400 and "Not a valid choice" in response.get_data(as_text=True)
    assert count(db) == 0


def test_kind_on_a_reply_and_replies_across_projects_are_refused(client, db, project, member, coop, owner):
    top = post(project, member)
    other = make_project(coop, owner)
    login_as(client, owner)
    response = client.post(
        f"/feedback/projects/{project.slug}", data={"parent_id": str(top.id), "kind": "idea", "body": "Hi"}
    )
    assert response.status_code == 400 and "Replies have no type" in response.get_data(as_text=True)
    response = client.post(f"/feedback/projects/{other.slug}", data={"parent_id": str(top.id), "body": "Hi"})
    assert response.status_code == 400 and "not part of this project" in response.get_data(as_text=True)
    assert count(db) == 1


@pytest.mark.parametrize("status", ["locked", "closed"])
def test_posting_to_a_locked_or_closed_project_is_refused(client, db, project, member, status):
    project.status = status
    db.session.commit()
    login_as(client, member)
    html = page(client, f"/projects/{project.slug}")
    assert 'id="feedback-form"' not in html
    response = client.post(f"/feedback/projects/{project.slug}", data={"kind": "idea", "body": "Hi"})
    assert response.status_code == 400 and "does not take feedback" in response.get_data(as_text=True)
    assert count(db) == 0


@pytest.mark.parametrize("visibility", ["network", "draft"])
def test_who_cannot_see_a_project_cannot_read_or_post(client, db, coop, owner, member, visibility):
    hidden = make_project(coop, owner, visibility=visibility)
    item = post(hidden, owner)
    if visibility == "draft":
        login_as(client, member)  # members see network projects, but not drafts of others
    for url in (f"/feedback/{item.id}", f"/feedback/{item.id}/history"):
        assert client.get(url).status_code == 404
    response = client.post(f"/feedback/projects/{hidden.slug}", data={"kind": "idea", "body": "Hi"})
    assert response.status_code in (302, 404)
    response = client.post(f"/feedback/projects/{hidden.slug}", data={"parent_id": item.id, "body": "Hi"})
    assert response.status_code in (302, 404)
    assert client.post(f"/feedback/{item.id}/helpful").status_code in (302, 404)
    assert count(db) == 1 and count(db, HelpfulMark) == 0


def test_the_reply_link_disappears_at_the_depth_cap_and_the_server_refuses(client, db, project, member):
    item = post(project, member)
    for _ in range(3):
        item = post(project, member, parent=item)
    login_as(client, member)
    html = page(client, f"/projects/{project.slug}")
    assert f"/feedback/{item.parent_id}/reply" in html
    assert f"/feedback/{item.id}/reply" not in html
    assert "nested as deeply" in page(client, f"/feedback/{item.id}/reply")
    response = client.post(
        f"/feedback/projects/{project.slug}", data={"parent_id": str(item.id), "body": "deeper"}
    )
    assert response.status_code == 400 and "nested as deeply" in response.get_data(as_text=True)
    assert count(db) == 4


def test_deep_nesting_continues_on_the_items_own_page(app, client, db, project, member):
    app.config["FEEDBACK_PAGE_DEPTH"] = 2
    top = post(project, member, "level 0")
    middle = post(project, member, "level 1", parent=top)
    deep = post(project, member, "level 2 text", parent=middle)
    html = page(client, f"/projects/{project.slug}")
    assert "level 2 text" not in html
    assert f'href="/feedback/{middle.id}">Continue this thread (1 reply)' in html
    html = page(client, f"/feedback/{middle.id}")
    assert "level 2 text" in html and "level 0" not in html and f'id="feedback-{deep.id}"' in html


def test_replies_collapse_without_javascript(client, project, member):
    top = post(project, member)
    post(project, member, parent=top)
    post(project, member, parent=top)
    html = page(client, f"/projects/{project.slug}")
    assert re.search(r'<details class="replies" open>\s*<summary>2 replies</summary>', html)


def test_sorting_orders_top_level_items(client, db, project, member, owner):
    first = post(project, member, "first item")
    second = post(project, member, "second item")
    post(project, owner, "reply", parent=first)
    _db.session.get(Feedback, second.id).helpful_count = 3
    db.session.commit()
    for sort, expected in (("oldest", ["first", "second"]), ("newest", ["second", "first"])):
        html = page(client, f"/projects/{project.slug}?sort={sort}")
        assert html.index(f"{expected[0]} item") < html.index(f"{expected[1]} item")
    html = page(client, f"/projects/{project.slug}?sort=helpful")
    assert html.index("second item") < html.index("first item")
    assert page(client, f"/projects/{project.slug}?sort=<script>").count("first item") == 1


def test_only_the_author_edits_and_the_history_keeps_old_versions(client, db, project, member):
    item = post(project, member, "Original words")
    for intruder in (make_user(), make_user(role="moderator")):
        login_as(client, intruder)
        assert client.get(f"/feedback/{item.id}/edit").status_code == 403
        assert client.post(f"/feedback/{item.id}/edit", data={"body": "Hacked"}).status_code == 403
        assert client.post(f"/feedback/{item.id}/delete").status_code == 403
    login_as(client, member)
    assert client.post(f"/feedback/{item.id}/edit", data={"body": ""}).status_code == 400
    assert client.post(f"/feedback/{item.id}/edit", data={"body": "New words"}).status_code == 303
    db.session.refresh(item)
    assert item.body == "New words" and count(db, FeedbackRevision) == 1
    client.get("/")  # any page; then read the history anonymously
    login_as(client, make_user())
    html = page(client, f"/feedback/{item.id}/history")
    assert "Original words" in html and "New words" in html
    assert "edited" in page(client, f"/projects/{project.slug}")


def test_deleted_items_become_placeholders_and_replies_stay(client, db, project, member, owner):
    top = post(project, member, "Regrettable words")
    post(project, owner, "A reply that stays", parent=top)
    login_as(client, member)
    assert client.post(f"/feedback/{top.id}/delete").status_code == 303
    html = page(client, f"/projects/{project.slug}")
    assert "Regrettable words" not in html and "Deleted by its author." in html
    assert "A reply that stays" in html


def test_hidden_items_show_a_placeholder_to_others_and_the_text_to_their_author(client, db, project, member):
    item = post(project, member, "Borderline words")
    item.hidden_at = utcnow()
    db.session.commit()
    login_as(client, make_user())
    html = page(client, f"/projects/{project.slug}")
    assert "Borderline words" not in html and "Hidden by moderation on" in html
    assert "Borderline words" not in page(client, f"/feedback/{item.id}/history")
    login_as(client, member)
    html = page(client, f"/projects/{project.slug}")
    assert "Borderline words" in html and "only you and the moderators" in html


def test_helpful_toggles_and_refuses_ones_own_item(client, db, project, member, owner):
    item = post(project, member)
    login_as(client, owner)
    assert client.post(f"/feedback/{item.id}/helpful").status_code == 303
    assert "1 found this helpful" in page(client, f"/projects/{project.slug}")
    assert client.post(f"/feedback/{item.id}/helpful").status_code == 303
    db.session.refresh(item)
    assert item.helpful_count == 0
    login_as(client, member)
    response = client.post(f"/feedback/{item.id}/helpful")
    assert response.status_code == 400 and "your own feedback" in response.get_data(as_text=True)
    assert count(db, HelpfulMark) == 0


def test_addressed_items_link_to_the_update(client, db, project, member, owner):
    from innovex.models import ProjectUpdate

    item = post(project, member)
    update = ProjectUpdate(project_id=project.id, author_id=owner.id, version=2, title="v2", body="")
    db.session.add(update)
    db.session.flush()
    item.addressed_in_id = update.id
    db.session.commit()
    assert f'href="/projects/{project.slug}#update-2"' in page(client, f"/feedback/{item.id}")
    assert 'href="#update-2">addressed in Update 2</a>' in page(client, f"/projects/{project.slug}")


def test_the_project_authors_replies_carry_an_author_badge(client, project, member, owner):
    top = post(project, member, "A question")
    answer = post(project, owner, "An answer", parent=top)
    html = page(client, f"/projects/{project.slug}")
    cards = {
        item.id: re.search(rf'id="feedback-{item.id}">.*?</p>', html, re.S).group(0) for item in (top, answer)
    }
    assert 'class="tag author-badge">Project author<' in cards[answer.id]
    assert "author-badge" not in cards[top.id]


def test_posting_without_a_csrf_token_is_refused(csrf_app, client, db, project, member):
    item = post(project, member)
    login_as(client, make_user())
    for url, data in (
        (f"/feedback/projects/{project.slug}", {"kind": "idea", "body": "Hi"}),
        (f"/feedback/{item.id}/helpful", {}),
    ):
        assert client.post(url, data=data).status_code == 400
    login_as(client, member)
    assert client.post(f"/feedback/{item.id}/edit", data={"body": "Changed"}).status_code == 400
    assert client.post(f"/feedback/{item.id}/delete").status_code == 400
    db.session.refresh(item)
    assert count(db) == 1 and count(db, HelpfulMark) == 0 and item.deleted_at is None
    assert item.body == "Some **feedback**."


def test_posting_is_rate_limited_per_user(tmp_path):
    app = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_POST="2 per minute", WTF_CSRF_ENABLED=False)
    request_started.connect(lambda sender, **extra: vars(g).clear(), app, weak=False)
    with app.app_context():
        _db.create_all()
        author = make_user()
        project = make_project(make_actor(owner=author), author)
        others = [make_user(), make_user()]
        client = app.test_client()
        url = f"/feedback/projects/{project.slug}"
        codes = []
        for user in [others[0]] * 3 + [others[1]]:
            login_as(client, user)
            codes.append(client.post(url, data={"kind": "idea", "body": "Hi"}).status_code)
        assert codes == [303, 303, 429, 303]
        assert _db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 3
        _db.session.remove()
        _db.drop_all()
