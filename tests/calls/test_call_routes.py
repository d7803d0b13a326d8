"""Call pages through the client: list and page, opening and proposing, editing, approval, closing."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex.models import Call
from tests.calls.call_factories import make_call, today
from tests.factories import login_as as switch


def _form(**fields):
    data = {
        "actor": "",
        "question": "Who builds a shared booking tool?",
        "context": "Many co-ops need *bookings*.",
        "offers": "Funding for a pilot",
        "region": "Sachsen",
        "deadline": (today() + timedelta(days=20)).isoformat(),
        "phases": f"{today().isoformat()} Ideas\n{(today() + timedelta(days=21)).isoformat()} Selection",
    }
    data.update(fields)
    return data


def test_the_list_shows_open_calls_before_closed_ones_and_hides_proposals(client, db, people):
    make_call(people["moderator"], question="Closed question")
    db.session.scalar(sa.select(Call)).state = "closed"
    make_call(people["moderator"], question="Open question")
    make_call(people["owner"], actor=people["home"], question="Proposed question")
    db.session.commit()
    page = client.get("/calls/").get_data(as_text=True)
    assert page.index("Open question") < page.index("Closed question")
    assert "Proposed question" not in page
    switch(client, people["owner"])
    assert "Proposed question" in client.get("/calls/").get_data(as_text=True)


def test_the_call_page_shows_question_context_phase_and_deadline(client, db, people):
    call = make_call(people["moderator"], context="We need **vans**.<script>alert(1)</script>")
    page = client.get(f"/calls/{call.slug}").get_data(as_text=True)
    assert "How do we share delivery vans?" in page and "<strong>vans</strong>" in page
    assert "<script>alert(1)" not in page
    assert 'aria-current="step"' in page and "current phase" in page
    assert "Submissions until" in page


def test_a_proposal_is_404_for_others(client, db, people):
    call = make_call(people["owner"], actor=people["home"])
    assert client.get(f"/calls/{call.slug}").status_code == 404
    switch(client, people["other_owner"])
    assert client.get(f"/calls/{call.slug}").status_code == 404
    assert client.post(f"/calls/{call.slug}/approve").status_code == 404


def test_a_moderator_opens_a_call_through_the_form(client, db, people):
    switch(client, people["moderator"])
    assert client.get("/calls/new").status_code == 200
    response = client.post("/calls/new", data=_form())
    assert response.status_code == 303
    call = db.session.scalar(sa.select(Call))
    assert call.state == "open" and call.actor is None and len(call.phases) == 2
    assert call.region == "Sachsen"


def test_an_owner_proposes_and_a_moderator_approves(client, db, people):
    switch(client, people["owner"])
    response = client.post("/calls/new", data=_form(actor=str(people["home"].id)))
    assert response.status_code == 303
    call = db.session.scalar(sa.select(Call))
    assert call.state == "draft" and call.actor == people["home"]
    assert client.post(f"/calls/{call.slug}/approve").status_code == 403  # owners cannot approve
    switch(client, people["moderator"])
    assert client.post(f"/calls/{call.slug}/approve").status_code == 303
    db.session.refresh(call)
    assert call.state == "open"


def test_an_owner_cannot_propose_for_another_organisation(client, db, people):
    switch(client, people["owner"])
    response = client.post("/calls/new", data=_form(actor=str(people["other"].id)))
    assert response.status_code == 422  # not among the choices
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Call)) == 0


def test_a_non_moderator_must_name_an_organisation(client, db, people):
    switch(client, people["owner"])
    assert client.post("/calls/new", data=_form(actor="")).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Call)) == 0


def test_who_may_open_the_form(client, db, people):
    assert client.get("/calls/new").status_code == 302  # anonymous: to the login
    switch(client, people["bystander"])
    assert client.get("/calls/new").status_code == 403  # no organisation to propose for
    switch(client, people["member"])
    assert client.get("/calls/new").status_code == 403  # a member, not an owner


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"question": ""}, "This field is required."),
        ({"phases": "someday Ideas"}, "start date"),
        ({"phases": "2027-13-01 Ideas"}, "does not exist"),
        ({"deadline": "not a date"}, "Not a valid date value."),
        ({"deadline": (today() - timedelta(days=3)).isoformat()}, "cannot be in the past"),
        ({"sectors": "no-such-sector"}, "not a valid choice"),
        ({"question": "x" * 300}, "Field cannot be longer than 200 characters."),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_writes_nothing(client, db, people, fields, message):
    switch(client, people["moderator"])
    response = client.post("/calls/new", data=_form(**fields))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Call)) == 0


def test_edit_is_for_stewards(client, db, people):
    call = make_call(people["owner"], actor=people["home"])
    switch(client, people["member"])
    assert client.get(f"/calls/{call.slug}/edit").status_code == 404  # not visible to a plain member
    switch(client, people["owner"])
    assert client.get(f"/calls/{call.slug}/edit").status_code == 200
    response = client.post(f"/calls/{call.slug}/edit", data=_form(question="A better question?"))
    assert response.status_code == 303
    db.session.refresh(call)
    assert call.question == "A better question?" and call.actor == people["home"]
    switch(client, people["other_owner"])
    client.post(f"/calls/{call.slug}/approve")  # 404 for others; nothing changes
    db.session.refresh(call)
    assert call.state == "draft"


def test_an_open_call_is_edited_by_stewards_only(client, db, people):
    call = make_call(people["moderator"])
    switch(client, people["other_owner"])
    assert client.get(f"/calls/{call.slug}/edit").status_code == 403
    assert client.post(f"/calls/{call.slug}/close").status_code == 403
    switch(client, people["moderator"])
    assert client.post(f"/calls/{call.slug}/close").status_code == 303
    db.session.refresh(call)
    assert call.state == "closed"
    assert client.get(f"/calls/{call.slug}/edit").status_code == 403  # closed calls stay as they were
    client.post(f"/calls/{call.slug}/close")  # closing twice is refused with a message, not a 500
    assert "Only an open call can be closed." in client.get(f"/calls/{call.slug}").get_data(as_text=True)


def test_forms_need_the_csrf_token(csrf_app, client, db, people):
    call = make_call(people["moderator"])
    switch(client, people["moderator"])
    assert 'name="csrf_token"' in client.get(f"/calls/{call.slug}").get_data(as_text=True)
    for url in ("/calls/new", f"/calls/{call.slug}/edit", f"/calls/{call.slug}/close"):
        assert client.post(url, data=_form(question="Hijacked?")).status_code == 400, url
    db.session.refresh(call)
    assert call.state == "open" and call.question != "Hijacked?"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Call)) == 1


def test_unknown_addresses_are_404(client, db, people):
    assert client.get("/calls/no-such-call").status_code == 404
    call = make_call(people["moderator"])
    switch(client, people["moderator"])
    assert client.get(f"/calls/{call.slug}/submissions/99999999999999999999/decide").status_code == 404
    assert client.get(f"/calls/{call.slug}/submissions/5/decide").status_code == 404
    assert client.get("/calls/?page=abc").status_code == 200


def test_the_nav_links_to_the_calls(client):
    assert 'href="/calls/"' in client.get("/").get_data(as_text=True)


def test_the_pages_speak_german(client, db, people):
    call = make_call(people["moderator"])
    german = {"Accept-Language": "de"}
    assert "Aufrufe zur Zusammenarbeit" in client.get("/calls/", headers=german).get_data(as_text=True)
    page = client.get(f"/calls/{call.slug}", headers=german).get_data(as_text=True)
    assert "aktuelle Phase" in page and "Einreichungen" in page
