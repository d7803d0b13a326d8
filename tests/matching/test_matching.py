"""Partner suggestions with explanations, exclusions, dismissal, the reverse direction, interest, CLI."""

import json

import sqlalchemy as sa

from innovex.matching import services
from innovex.matching.engine import suggestions_for
from innovex.matching.reverse import projects_for_actor
from innovex.models import CollaborationForm, DismissedSuggestion, Interest, Notification, ProjectCoOwner
from tests.factories import login, make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.search.search_helpers import drain, sectors


def world(db):
    owner = make_user()
    home = make_actor("Kiezlieferung eG", owner=owner, lat=52.52, lon=13.40, sectors=sectors("mobility"))
    coowner = make_actor("Mitbetreiber Logistik eG", lat=52.5, lon=13.4)
    bikes = make_actor("Lastenrad Kollektiv eG", lat=52.45, lon=13.30, sectors=sectors("mobility"))
    bikes.collaboration = list(
        db.session.scalars(sa.select(CollaborationForm).where(CollaborationForm.slug == "implementation"))
    )
    make_offering(
        bikes, title="Lastenrad-Logistik", description="Wir liefern per Lastenrad <i>emissionsfrei</i>."
    )
    far = make_actor("Logistik Süd eG", lat=48.14, lon=11.58)
    make_offering(far, title="Logistikberatung", description="Beratung für Lieferketten")
    make_offering(coowner, title="Logistik aus einer Hand")
    unrelated = make_actor("Bäckerei eG")
    make_offering(unrelated, title="Brot und Brötchen")
    project = make_project(
        home,
        title="Emissionsfreie Zustellung im Kiez",
        summary="Pakete ohne Auto",
        needs=["Lieferlogistik"],
        tags=["lastenrad"],
        sectors=("mobility",),
    )
    db.session.add(ProjectCoOwner(project=project, actor=coowner, state="accepted"))
    db.session.commit()
    drain()
    return {
        "owner": owner,
        "home": home,
        "coowner": coowner,
        "bikes": bikes,
        "far": far,
        "unrelated": unrelated,
        "project": project,
    }


def test_suggestions_rank_and_explain(app, db):
    w = world(db)
    suggestions = suggestions_for(w["project"], w["owner"])
    names = [s.actor.name for s in suggestions]
    assert names[0] == "Lastenrad Kollektiv eG"
    assert "Logistik Süd eG" in names and "Bäckerei eG" not in names
    assert "Kiezlieferung eG" not in names and "Mitbetreiber Logistik eG" not in names  # own organisations
    best = suggestions[0]
    assert best.offering.title == "Lastenrad-Logistik"
    assert str(best.offering_title) == "<mark>Lastenrad</mark>-<mark>Logistik</mark>"
    assert "<i>" not in str(best.offering_text)
    reasons = " | ".join(best.reasons)
    # The tag is answered; the need "Lieferlogistik" only by its head "Logistik": said as partial.
    assert "offers “Lastenrad-Logistik” – matches your need “lastenrad”" in reasons
    assert "partly fits “Lieferlogistik”: “Logistik”" in reasons
    assert "km away" in reasons
    # "Why" quotes the organisation's own words, never the project's sentences.
    own = "Lastenrad Kollektiv eG Lastenrad-Logistik Wir liefern per Lastenrad emissionsfrei"
    own += " Mobility and logistics"
    quoted = [word.strip("“”") for words in best.matched.values() for word in words]
    assert "Lastenrad" in quoted and all(word in own for word in quoted)
    assert "Pakete ohne Auto" not in " ".join(quoted) and "Emissionsfreie Zustellung im Kiez" not in quoted


def test_filters_on_distance_kind_country(app, db):
    w = world(db)
    near = [s.actor.name for s in suggestions_for(w["project"], w["owner"], max_distance=50)]
    assert near == ["Lastenrad Kollektiv eG"]
    assert suggestions_for(w["project"], w["owner"], kind="research") == []
    assert suggestions_for(w["project"], w["owner"], country="AT") == []


def test_not_relevant_removes_a_suggestion_and_is_stored(app, db, client):
    w = world(db)
    login(client, w["owner"])
    bikes_id, bikes_link = w["bikes"].id, f'href="/organisations/{w["bikes"].slug}"'
    assert bikes_link in client.get(f"/matching/projects/{w['project'].slug}").get_data(as_text=True)
    response = client.post(f"/matching/projects/{w['project'].slug}/dismiss/{bikes_id}")
    assert response.status_code == 302
    assert db.session.get(DismissedSuggestion, (w["project"].id, bikes_id)) is not None
    page = client.get(f"/matching/projects/{w['project'].slug}").get_data(as_text=True)
    assert bikes_link not in page and "Logistik Süd eG" in page


def test_only_owners_see_and_dismiss(app, db, client):
    w = world(db)
    stranger = make_user()
    login(client, stranger)
    slug = w["project"].slug
    assert client.get(f"/matching/projects/{slug}").status_code == 403
    assert client.post(f"/matching/projects/{slug}/dismiss/{w['bikes'].id}").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DismissedSuggestion)) == 0


def test_draft_project_suggestions_are_hidden_from_strangers(app, db, client):
    w = world(db)
    w["project"].visibility = "draft"
    db.session.commit()
    assert client.get(f"/matching/projects/{w['project'].slug}").status_code == 404


def test_reverse_direction_finds_projects_needing_an_offer(app, db):
    w = world(db)
    fits = projects_for_actor(w["bikes"], None)
    assert [f.project.id for f in fits] == [w["project"].id]
    assert projects_for_actor(w["home"], None) == []  # not its own project


def test_interest_accept_and_decline_notify_both_sides(app, db, client):
    w = world(db)
    member = make_user()
    bikes = w["bikes"]
    from innovex.models import Membership

    db.session.add(Membership(user=member, actor=bikes, role="owner"))
    db.session.commit()
    login(client, member)
    slug = w["project"].slug
    response = client.post(
        f"/matching/projects/{slug}/interest", data={"actor": bikes.id, "message": "Gern!"}
    )
    assert response.status_code == 302
    interest = db.session.scalar(sa.select(Interest))
    assert interest.state == "open" and interest.message == "Gern!"
    assert (
        db.session.scalar(sa.select(Notification).where(Notification.kind == "interest")).user_id
        == w["owner"].id
    )
    again = client.post(f"/matching/projects/{slug}/interest", data={"actor": bikes.id, "message": "Nochmal"})
    assert (
        again.status_code == 422 and db.session.scalar(sa.select(sa.func.count()).select_from(Interest)) == 1
    )
    # The interested side cannot decide; the project owner can.
    assert client.post(f"/matching/interests/{interest.id}/accept").status_code == 403
    client.post("/auth/logout")
    login(client, w["owner"])
    assert client.post(f"/matching/interests/{interest.id}/accept").status_code == 302
    db.session.refresh(interest)
    assert interest.state == "accepted"
    decided = db.session.scalar(sa.select(Notification).where(Notification.kind == "interest_decided"))
    assert decided.user_id == member.id
    assert "Lastenrad Kollektiv eG" in client.get(f"/matching/projects/{slug}/interest").get_data(
        as_text=True
    )
    assert client.post(f"/matching/interests/{interest.id}/decline").status_code == 302
    db.session.refresh(interest)
    assert interest.state == "accepted"  # a decided interest stays decided


def test_after_expressing_interest_the_member_sees_its_state_and_can_withdraw(app, db, client):
    w = world(db)
    member = make_user()
    from innovex.models import Membership

    db.session.add(Membership(user=member, actor=w["bikes"], role="owner"))
    db.session.commit()
    login(client, member)
    slug, title = w["project"].slug, w["project"].title
    page = client.get(f"/matching/projects/{slug}/interest").get_data(as_text=True)
    assert f"<h1>Interest in “{title}”</h1>" in page and "Express interest" in page
    response = client.post(
        f"/matching/projects/{slug}/interest", data={"actor": w["bikes"].id, "message": "Gern!"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    interest = db.session.scalar(sa.select(Interest))
    page = client.get(f"/projects/{slug}").get_data(as_text=True)
    assert "open, waiting for the project's owners" in page
    assert f"/matching/interests/{interest.id}/withdraw" in page
    assert "Express interest" not in page  # the only organisation has already said so
    assert client.post(f"/matching/interests/{interest.id}/withdraw").status_code == 302
    db.session.refresh(interest)
    page = client.get(f"/projects/{slug}").get_data(as_text=True)
    assert interest.state == "withdrawn" and "Express interest" in page and "/withdraw" not in page
    client.post(f"/matching/projects/{slug}/interest", data={"actor": w["bikes"].id})
    services.decide_interest(db.session.get(Interest, interest.id), w["owner"], accept=True)
    db.session.commit()
    page = client.get(f"/projects/{slug}").get_data(as_text=True)
    assert '<span class="interest-state">Partner</span>' in page and "Express interest" not in page


def test_decline_service(app, db):
    w = world(db)
    member = make_user()
    from innovex.models import Membership

    db.session.add(Membership(user=member, actor=w["far"], role="member"))
    db.session.commit()
    interest = services.express_interest(w["project"], w["far"], member, "Hallo")
    services.decide_interest(interest, w["owner"], accept=False)
    db.session.commit()
    assert interest.state == "declined" and services.accepted_partners(w["project"]) == []


def test_interest_only_for_own_organisation(app, db, client):
    w = world(db)
    stranger = make_user()
    login(client, stranger)
    response = client.post(f"/matching/projects/{w['project'].slug}/interest", data={"actor": w["bikes"].id})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interest)) == 0


def test_match_cli_json(app, db, runner):
    w = world(db)
    result = runner.invoke(args=["match", w["project"].slug, "--json"])
    data = json.loads(result.output)
    assert data["suggestions"][0]["name"] == "Lastenrad Kollektiv eG"
    assert data["suggestions"][0]["reasons"]


def test_reverse_direction_keeps_offers_the_viewer_may_not_see_to_itself(app, db):
    w = world(db)
    w["bikes"].visibility = {"offerings": "private"}
    db.session.commit()
    assert projects_for_actor(w["bikes"], None) == []  # its reasons would quote the private offer
    assert [f.project.id for f in projects_for_actor(w["bikes"], w["owner"])] == []  # not a member either


def test_dismissing_a_hidden_organisation_reveals_nothing(app, db, client):
    w = world(db)
    secret = make_actor("Geheime Genossenschaft eG", status="hidden")
    login(client, w["owner"])
    response = client.post(f"/matching/projects/{w['project'].slug}/dismiss/{secret.id}")
    assert response.status_code == 404
    assert "Geheime Genossenschaft" not in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DismissedSuggestion)) == 0


def explained(project_title, need, offer_title, offer_text=""):
    owner = make_user()
    home = make_actor("Projektträger eG", owner=owner)
    other = make_actor("Anbieter eG")
    make_offering(other, title=offer_title, description=offer_text)
    project = make_project(home, title=project_title, summary="Wir suchen Partner.", needs=[need])
    db_commit_and_drain()
    found = [s for s in suggestions_for(project, owner) if s.actor.id == other.id]
    assert found, "the offer should be suggested"
    return found[0]


def db_commit_and_drain():
    from innovex.extensions import db

    db.session.commit()
    drain()


def test_a_compounds_head_alone_is_a_partial_match(app, db):
    s = explained("Neue Genossenschaft gründen", "Energiegenossenschaft", "Genossenschaft gründen")
    reasons = " | ".join(s.reasons)
    assert "matches your need" not in reasons and "covers" not in reasons
    assert "partly fits “Energiegenossenschaft”" in reasons


def test_one_word_of_a_two_word_need_is_partial_and_both_words_are_full(app, db):
    partly = explained("Plattform für Vereine", "digitale Plattform", "Digital", "Wir machen alles digital.")
    assert "partly fits “digitale Plattform”: “Digital”" in " | ".join(partly.reasons)


def test_a_need_answered_in_all_its_words_is_covered(app, db):
    s = explained("Plattform für Vereine", "digitale Plattform", "Digitale Plattform für Vereine")
    reasons = " | ".join(s.reasons)
    assert "covers 1 of 1 needs: digitale Plattform" in reasons
    assert "matches your need “digitale Plattform”" in reasons


def test_an_imported_never_confirmed_profile_is_not_called_up_to_date(app, db):
    s = explained("Reparatur im Kiez", "Fahrradreparatur", "Fahrradreparatur")
    assert s.actor.confirmed_at is None  # made like an import: no owner vouched for it
    assert "profile up to date" not in s.reasons


def test_a_400_digit_distance_filter_is_an_error_next_to_the_field(app, db, client):
    w = world(db)
    login(client, w["owner"])
    response = client.get(f"/matching/projects/{w['project'].slug}?max_distance={'9' * 400}")
    assert response.status_code == 200 and "at most 9 digits" in response.get_data(as_text=True)
