"""Suggested corrections: the services (accept, decline, stale, twice, ownerless confirm) and the routes."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Notification, Suggestion
from innovex.suggestions import services
from tests.actors.conftest import snapshot
from tests.factories import login_as, make_actor, make_user
from tests.history.conftest import ROLES, revisions


@pytest.fixture
def world(app):
    owner, editor, member, suggester = make_user(), make_user(), make_user(), make_user()
    moderator, admin, second = make_user(role="moderator"), make_user(role="admin"), make_user()
    actor = make_actor("Alpha eG", owner=owner, editors=[editor], members=[member], city="Leipzig")
    ownerless = make_actor("Gamma Verein", kind="association", city="Halle")
    return type("World", (), locals())


def suggestion_for(actor, user, note="Laut Website", **values):
    return services.suggest(actor, user, values, note)


def test_a_suggestion_holds_only_the_changed_fields_and_notifies_the_owners(world):
    suggestion = suggestion_for(world.actor, world.suggester, name="Alpha eG", city="Leipzig-Plagwitz")
    db.session.commit()
    assert suggestion.changes == {"city": ["Leipzig", "Leipzig-Plagwitz"]}
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "suggestion")).all()
    assert [n.user_id for n in notices] == [world.owner.id]


def test_a_suggestion_without_changes_is_refused(world):
    with pytest.raises(DomainError) as error:
        suggestion_for(world.actor, world.suggester, name="Alpha eG", city=" Leipzig ")
    assert error.value.field == "name"


def test_accepting_applies_the_fields_credited_to_the_suggester(world):
    suggestion = suggestion_for(
        world.actor, world.suggester, city="Markkleeberg", website="https://alpha.example"
    )
    db.session.commit()
    services.accept(suggestion, world.owner)
    db.session.commit()
    db.session.expire_all()
    assert (world.actor.city, world.actor.website_domain) == ("Markkleeberg", "alpha.example")
    revision = revisions(world.actor)[-1]
    assert (revision.source, revision.author_id, revision.note) == (
        "suggestion",
        world.suggester.id,
        "Laut Website",
    )
    assert suggestion.state == "accepted" and suggestion.decided_by_id == world.owner.id
    told = db.session.scalar(sa.select(Notification).where(Notification.kind == "suggestion_decided"))
    assert told.user_id == world.suggester.id


def test_accepting_twice_applies_once(world):
    suggestion = suggestion_for(world.actor, world.suggester, city="Markkleeberg")
    db.session.commit()
    services.accept(suggestion, world.owner)
    db.session.commit()
    count = len(revisions(world.actor))
    with pytest.raises(DomainError):
        services.accept(suggestion, world.editor)
    db.session.rollback()
    assert len(revisions(world.actor)) == count


def test_a_stale_suggestion_is_refused(world):
    from innovex.actors import services as actor_services

    suggestion = suggestion_for(world.actor, world.suggester, city="Markkleeberg")
    db.session.commit()
    profile = actor_services.ActorProfile(name="Alpha eG", kind="cooperative", city="Halle", country="DE")
    actor_services.update_actor(world.actor, profile)
    db.session.commit()
    with pytest.raises(DomainError) as error:
        services.accept(suggestion, world.owner)
    assert "changed since" in error.value.message
    db.session.rollback()
    assert suggestion.state == "open" and world.actor.city == "Halle"


def test_declining_needs_a_reason_and_tells_the_suggester(world):
    suggestion = suggestion_for(world.actor, world.suggester, city="Markkleeberg")
    db.session.commit()
    with pytest.raises(DomainError) as error:
        services.decline(suggestion, world.owner, "  ")
    assert error.value.field == "reason"
    services.decline(suggestion, world.owner, "Wir sind in Leipzig.")
    db.session.commit()
    assert (suggestion.state, suggestion.reason) == ("declined", "Wir sind in Leipzig.")
    assert world.actor.city == "Leipzig"


def test_an_ownerless_suggestion_is_confirmed_by_a_second_member_after_the_wait(app, world):
    from innovex import permissions

    suggestion = suggestion_for(world.ownerless, world.suggester, city="Halle (Saale)")
    db.session.commit()
    assert not permissions.can_confirm_suggestion(world.second, suggestion)  # too early
    suggestion.created_at -= timedelta(days=app.config["SUGGESTION_CONFIRM_DAYS"] + 1)
    db.session.commit()
    assert not permissions.can_confirm_suggestion(world.suggester, suggestion)  # not by the suggester
    assert permissions.can_confirm_suggestion(world.second, suggestion)
    services.confirm(suggestion, world.second)
    db.session.commit()
    assert world.ownerless.city == "Halle (Saale)"
    assert revisions(world.ownerless)[-1].author_id == world.suggester.id


def test_moderators_decide_for_ownerless_profiles_owners_for_their_own(world):
    from innovex import permissions

    own = suggestion_for(world.actor, world.suggester, city="Markkleeberg")
    orphan = suggestion_for(world.ownerless, world.suggester, city="Halle (Saale)")
    assert permissions.can_decide_suggestion(world.owner, own)
    assert not permissions.can_decide_suggestion(world.moderator, own)
    assert permissions.can_decide_suggestion(world.moderator, orphan)
    assert not permissions.can_decide_suggestion(world.owner, orphan)


# Routes ------------------------------------------------------------------------------------------------

USER_OF = {
    "member": "suggester",
    "owner": "owner",
    "editor": "editor",
    "moderator": "moderator",
    "admin": "admin",
}
LOGIN = "login"


def form(**values):
    base = {"name": "Alpha eG", "city": "Leipzig", "country": "DE", "note": "Umgezogen"}
    return {**base, **values}


@pytest.fixture
def open_one(world):
    suggestion = suggestion_for(world.actor, make_user(), city="Markkleeberg")
    db.session.commit()
    return suggestion


ROUTES = [
    ("suggest-get", "GET", lambda w, s: f"/organisations/{w.actor.slug}/suggest", None,
     {"visitor": LOGIN, "member": 200, "owner": 403, "editor": 403, "moderator": 200, "admin": 200}),
    ("suggest-post", "POST", lambda w, s: f"/organisations/{w.actor.slug}/suggest",
     form(city="Markkleeberg"),
     {"visitor": LOGIN, "member": 302, "owner": 403, "editor": 403, "moderator": 302, "admin": 302}),
    ("index", "GET", lambda w, s: f"/organisations/{w.actor.slug}/suggestions", None,
     {"visitor": LOGIN, **dict.fromkeys(ROLES[1:], 200)}),
    ("accept", "POST", lambda w, s: f"/organisations/{w.actor.slug}/suggestions/{s.id}/accept", {},
     {"visitor": LOGIN, "member": 403, "owner": 302, "editor": 302, "moderator": 403, "admin": 403}),
    ("decline", "POST", lambda w, s: f"/organisations/{w.actor.slug}/suggestions/{s.id}/decline",
     lambda s: {f"decline-{s.id}-reason": "Nein"},
     {"visitor": LOGIN, "member": 403, "owner": 302, "editor": 302, "moderator": 403, "admin": 403}),
    ("confirm", "POST", lambda w, s: f"/organisations/{w.actor.slug}/suggestions/{s.id}/confirm", {},
     {"visitor": LOGIN, **dict.fromkeys(ROLES[1:], 403)}),  # the profile has owners: they decide
]  # fmt: skip


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "data", "expected"), ROUTES, ids=[r[0] for r in ROUTES])
def test_authorization_table(client, world, open_one, who, name, method, url, data, expected):
    if who != "visitor":
        login_as(client, getattr(world, USER_OF[who]))
    before = snapshot()
    target = url(world, open_one)
    response = (
        client.get(target)
        if method == "GET"
        else client.post(target, data=data(open_one) if callable(data) else data)
    )
    db.session.expire_all()
    after = snapshot()
    want = expected[who]
    if want == LOGIN:
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == want, response.get_data(as_text=True)[:2000]
    assert (after != before) == (method == "POST" and want == 302)


def test_every_route_is_in_the_table(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("suggestions.")}
    assert endpoints == {"suggestions.create", "suggestions.index", "suggestions.accept",
                         "suggestions.decline", "suggestions.confirm"}  # fmt: skip


def test_bad_input_is_shown_next_to_the_field_and_writes_nothing(client, world):
    login_as(client, world.suggester)
    before = snapshot()
    response = client.post(
        f"/organisations/{world.actor.slug}/suggest", data=form(website="javascript:alert(1)", email="kein")
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="website-error"' in page and 'id="email-error"' in page
    response = client.post(f"/organisations/{world.actor.slug}/suggest", data=form())
    assert response.status_code == 422 and 'id="name-error"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert snapshot() == before


def test_the_form_leaves_out_fields_the_member_may_not_see(client, world):
    world.actor.visibility = {"contact": "private"}
    world.actor.email = "geheim@alpha.example"
    db.session.commit()
    login_as(client, world.suggester)
    page = client.get(f"/organisations/{world.actor.slug}/suggest").get_data(as_text=True)
    assert "geheim@alpha.example" not in page and 'name="email"' not in page


def test_owner_accepts_through_the_page_and_a_second_click_changes_nothing(client, world, open_one):
    login_as(client, world.owner)
    page = client.get(f"/organisations/{world.actor.slug}/suggestions").get_data(as_text=True)
    assert "Markkleeberg" in page
    url = f"/organisations/{world.actor.slug}/suggestions/{open_one.id}/accept"
    assert client.post(url).status_code == 302
    before = snapshot()
    response = client.post(url)
    assert response.status_code == 409 and "already been decided" in response.get_data(as_text=True)
    db.session.expire_all()
    assert snapshot() == before
    assert db.session.get(Suggestion, open_one.id).state == "accepted"


def test_a_decline_without_reason_is_refused(client, world, open_one):
    login_as(client, world.owner)
    response = client.post(f"/organisations/{world.actor.slug}/suggestions/{open_one.id}/decline", data={})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="decline-{open_one.id}-reason-error">Please give a reason.' in page  # next to its field
