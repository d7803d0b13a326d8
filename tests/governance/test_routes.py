"""The data cooperative's routes: who may use each (a table over every route and role), field errors, closed
votes, secret ballots, CSRF, and the close command."""

import re

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from innovex.governance import proposals
from innovex.mail import outbox_messages
from innovex.models import CoopMember, Proposal, Tag, Vote
from innovex.taxonomy import get_or_create_tags
from tests.factories import login_as, make_actor, make_offering, make_user

from .conftest import end_window, file_proposal, member_org

MODULE = "innovex.governance.views"
ROLES = ("anonymous", "outsider", "owner", "editor", "other_owner", "admin")
LOGIN = 302
ALL = dict.fromkeys(ROLES, 200)


def only(role: str, ok: int, others: int = 403) -> dict:
    return {r: LOGIN if r == "anonymous" else (ok if r == role else others) for r in ROLES}


TAG_FORM = {
    "organisation": "{member_a}",
    "title": "Tag Gemeinwohl",
    "target": "tag",
    "operation": "add",
    "name": "Gemeinwohl",
}
SETTINGS_FORM = {"quorum": "0.3", "majority": "0.5", "voting_days": "10", "auto_hide_threshold": "3"}

TABLE = [
    ("governance.index", "GET", "/cooperative/", None, ALL),
    ("governance.members", "GET", "/cooperative/members", None, ALL),
    ("governance.text", "GET", "/cooperative/texts/charter", None, ALL),
    ("governance.join", "GET", "/cooperative/join/{outside}", None, only("other_owner", 200)),
    (
        "governance.join",
        "POST",
        "/cooperative/join/{outside}",
        {"accept": "y", "charter_version": "1"},
        only("other_owner", 302),
    ),
    ("governance.leave", "POST", "/cooperative/leave/{a}", {}, only("owner", 302)),
    ("governance.editors", "POST", "/cooperative/editors/{a}", {"editors_vote": "y"}, only("owner", 302)),
    ("governance.new_proposal", "GET", "/cooperative/proposals/new/taxonomy", None, only("owner", 200)),
    ("governance.new_proposal", "POST", "/cooperative/proposals/new/taxonomy", TAG_FORM, only("owner", 302)),
    ("governance.proposal", "GET", "/cooperative/proposals/{proposal}", None, ALL),
    (
        "governance.vote",
        "POST",
        "/cooperative/proposals/{proposal}/vote",
        {"organisation": "{member_a}", "choice": "yes"},
        only("owner", 302, 422),
    ),
    (
        "governance.comment",
        "POST",
        "/cooperative/proposals/{proposal}/comments",
        {"body": "Dafür."},
        {**only("owner", 302), "editor": 302, "admin": 302},  # moderators take part too
    ),
    ("governance.settings", "GET", "/cooperative/settings", None, only("admin", 200)),
    ("governance.settings", "POST", "/cooperative/settings", SETTINGS_FORM, only("admin", 302)),
]


@pytest.fixture
def world(app):
    people = {role: make_user(role="admin" if role == "admin" else "member") for role in ROLES[1:]}
    a, member_a = member_org(people["owner"], editors=[people["editor"]])
    outside = make_actor(owner=people["other_owner"])
    member_org()  # a second member organisation
    proposal = file_proposal(member_a, change={"target": "tag", "operation": "add", "name": "Nachbarschaft"})
    ids = {"a": a.slug, "outside": outside.slug, "member_a": member_a.id, "proposal": proposal.id}
    return {"people": people, "ids": ids, "proposal": proposal, "member_a": member_a}


def _cases():
    for endpoint, method, url, data, expected in TABLE:
        for role in ROLES:
            yield pytest.param(method, url, data, role, expected[role], id=f"{endpoint}-{method}-{role}")


@pytest.mark.parametrize(("method", "url", "data", "role", "status"), list(_cases()))
def test_authorization_table(client, world, method, url, data, role, status):
    login_as(client, world["people"].get(role))
    url = url.format(**world["ids"])
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={k: v.format(**world["ids"]) for k, v in data.items()})
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    if status == LOGIN and role == "anonymous":
        assert "/auth/login" in response.location


def test_every_governance_route_is_in_the_table(app):
    covered = {(endpoint, method) for endpoint, method, *_rest in TABLE}
    for rule in app.url_map.iter_rules():
        if app.view_functions[rule.endpoint].__module__ == MODULE:
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (rule.endpoint, method) in covered, f"{rule.endpoint} {method} is missing"


def test_a_colliding_tag_is_refused_next_to_the_field_and_nothing_is_written(client, world):
    get_or_create_tags(["Gemeinwohl"])
    db.session.commit()
    login_as(client, world["people"]["owner"])
    data = {**TAG_FORM, "organisation": world["member_a"].id, "name": "gemeinwohl"}
    response = client.post("/cooperative/proposals/new/taxonomy", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="name-error"' in page and "exists already" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(type(world["proposal"]))) == 1


@pytest.mark.parametrize(
    "form, field",
    [
        ({"title": ""}, "title"),
        ({"days": "9999999999"}, "days"),
        ({"days": "0"}, "days"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_gets_an_error_next_to_the_field(client, world, form, field):
    login_as(client, world["people"]["owner"])
    data = {**TAG_FORM, "organisation": world["member_a"].id, **form}
    response = client.post("/cooperative/proposals/new/taxonomy", data=data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)


def test_the_settings_page_refuses_values_out_of_range(client, world):
    login_as(client, world["people"]["admin"])
    response = client.post("/cooperative/settings", data={**SETTINGS_FORM, "quorum": "1.5"})
    assert response.status_code == 422 and 'id="quorum-error"' in response.get_data(as_text=True)


def test_a_closed_proposal_refuses_a_vote_with_a_clear_error(client, world):
    end_window(world["proposal"])
    login_as(client, world["people"]["owner"])
    response = client.post(
        f"/cooperative/proposals/{world['proposal'].id}/vote",
        data={"organisation": world["member_a"].id, "choice": "yes"},
    )
    assert response.status_code == 409
    assert "This vote has closed" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 0


def test_viewing_after_the_window_closes_once_and_shows_the_result(client, world):
    login_as(client, world["people"]["owner"])
    client.post(
        f"/cooperative/proposals/{world['proposal'].id}/vote",
        data={"organisation": world["member_a"].id, "choice": "yes"},
    )
    end_window(world["proposal"])
    page = client.get(f"/cooperative/proposals/{world['proposal'].id}").get_data(as_text=True)
    assert "Passed" in page and "1 yes, 0 no" in page
    assert db.session.scalar(sa.select(Tag).where(Tag.key == "nachbarschaft")) is not None
    public_log = client.get("/moderation/public-log").get_data(as_text=True)
    assert "proposal #" in public_log


def test_secret_ballots_hide_names_open_ones_show_them_to_members(client, world):
    owner = world["people"]["owner"]
    login_as(client, owner)
    client.post(
        f"/cooperative/proposals/{world['proposal'].id}/vote",
        data={"organisation": world["member_a"].id, "choice": "no"},
    )
    name = world["member_a"].actor.name
    assert f"{name}: No" in client.get(f"/cooperative/proposals/{world['proposal'].id}").get_data(
        as_text=True
    )
    login_as(client, None)
    assert f"{name}: No" not in client.get(f"/cooperative/proposals/{world['proposal'].id}").get_data(
        as_text=True
    )
    login_as(client, owner)
    candidate = make_user()
    election = file_proposal(
        world["member_a"], kind="moderator", change={"action": "elect", "user": candidate.email}
    )
    client.post(
        f"/cooperative/proposals/{election.id}/vote",
        data={"organisation": world["member_a"].id, "choice": "yes"},
    )
    page = client.get(f"/cooperative/proposals/{election.id}").get_data(as_text=True)
    assert 'id="voters"' not in page and "secret ballot" in page  # only the voter's own vote is shown to them


def test_a_vote_without_csrf_token_is_refused(csrf_app, world):
    client = csrf_app.test_client()
    login_as(client, world["people"]["owner"])
    response = client.post(
        f"/cooperative/proposals/{world['proposal'].id}/vote",
        data={"organisation": world["member_a"].id, "choice": "yes"},
    )
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 0


def test_joining_shows_the_charter_and_leaving_keeps_the_row(client, world):
    other = world["people"]["other_owner"]
    login_as(client, other)
    page = client.get(f"/cooperative/join/{world['ids']['outside']}").get_data(as_text=True)
    assert "Datencharta" in page or "Data charter" in page
    response = client.post(f"/cooperative/join/{world['ids']['outside']}", data={"charter_version": "1"})
    assert response.status_code == 422 and 'id="accept-error"' in response.get_data(as_text=True)
    client.post(f"/cooperative/join/{world['ids']['outside']}", data={"accept": "y", "charter_version": "1"})
    members = client.get("/cooperative/members").get_data(as_text=True)
    assert world["ids"]["outside"] in members
    client.post(f"/cooperative/leave/{world['ids']['outside']}")
    row = db.session.scalar(sa.select(CoopMember).where(CoopMember.actor.has(slug=world["ids"]["outside"])))
    assert row.left_at is not None
    assert world["ids"]["outside"] not in client.get("/cooperative/members").get_data(as_text=True)


def test_the_close_command_prints_progress_and_a_summary(app, world):
    end_window(world["proposal"])
    result = app.test_cli_runner().invoke(args=["governance", "close"])
    assert result.exit_code == 0, result.output
    assert "Nachbarschaft" not in result.output or "#" in result.output
    assert result.output.strip().splitlines()[-1] == "closed 1 proposals: 0 passed, 1 rejected"


def test_the_discussion_shows_sanitised_contributions_and_refuses_empty_ones(client, world):
    login_as(client, world["people"]["editor"])
    url = f"/cooperative/proposals/{world['proposal'].id}"
    response = client.post(f"{url}/comments", data={"body": "Gute Idee <script>alert(1)</script> **ja**"})
    assert response.status_code == 302 and "#comment-" in response.location
    page = client.get(url).get_data(as_text=True)
    assert "<strong>ja</strong>" in page and "<script>alert(1)" not in page
    response = client.post(f"{url}/comments", data={"body": "  "})
    assert response.status_code == 422 and 'id="body-error"' in response.get_data(as_text=True)
    login_as(client, world["people"]["outsider"])
    response = client.post(f"{url}/comments", data={"body": "Ich auch"})
    assert response.status_code == 403
    assert len(world["proposal"].comments) == 1


# Elections among several candidates ----------------------------------------------------------------------


@pytest.fixture
def election(world):
    anna, ben = make_user(display_name="Anna Kandidatin"), make_user(display_name="Ben Kandidat")
    proposal = file_proposal(
        world["member_a"], kind="election", change={"candidates": f"{anna.email}\n{ben.email}"}
    )
    return {"proposal": proposal, "anna": anna, "ben": ben}


def test_an_owner_files_an_election_through_the_form(client, world):
    anna, ben = make_user(), make_user()
    login_as(client, world["people"]["owner"])
    data = {"organisation": world["member_a"].id, "title": "Moderation 2027", "seats": "1"}
    response = client.post(
        "/cooperative/proposals/new/election", data={**data, "candidates": f"{anna.email}\n@{ben.handle}"}
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert 'id="candidates"' in page and anna.display_name in page and ben.display_name in page


def test_candidates_who_want_instant_mail_are_mailed_when_named_and_when_decided(client, world):
    anna, ben = make_user(email_preference="instant"), make_user(email_preference="off")
    login_as(client, world["people"]["owner"])
    data = {"organisation": world["member_a"].id, "title": "Moderation 2027", "seats": "1"}
    response = client.post(
        "/cooperative/proposals/new/election", data={**data, "candidates": f"{anna.email}\n{ben.email}"}
    )
    assert response.status_code == 302
    (mail,) = outbox_messages()
    assert mail["To"] == anna.email and "candidate" in mail["Subject"]
    assert "“Moderation 2027”" in mail.get_content() and "/cooperative/proposals/" in mail.get_content()
    election = db.session.scalar(sa.select(Proposal).where(Proposal.title == "Moderation 2027"))
    proposals.cast(election, world["member_a"], world["people"]["owner"], "yes", anna.id)
    db.session.commit()
    end_window(election)
    client.get(f"/cooperative/proposals/{election.id}")  # the first visit after the window closes it
    assert [m["To"] for m in outbox_messages()] == [anna.email, anna.email]
    assert "You were elected as a moderator" in outbox_messages()[-1].get_content()


@pytest.mark.parametrize(
    "candidates, seats, field",
    [
        ("{anna}", "1", "candidates"),
        ("{anna}\nnobody@example.org", "1", "candidates"),
        ("{anna}\n{ben}\x00", "1", "candidates"),
        ("{anna}\n{ben}", "2", "seats"),
        ("{anna}\n{ben}", "x", "seats"),
        ("", "1", "candidates"),
    ],
)
def test_a_bad_election_is_refused_next_to_the_field(client, world, candidates, seats, field):
    people = {"anna": make_user().email, "ben": make_user().email}
    login_as(client, world["people"]["owner"])
    data = {"organisation": world["member_a"].id, "title": "Wahl", "seats": seats}
    data["candidates"] = candidates.format(**people)
    response = client.post("/cooperative/proposals/new/election", data=data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(type(world["proposal"]))) == 1


@pytest.mark.parametrize(
    "role, status", [("anonymous", LOGIN), ("outsider", 422), ("editor", 422), ("admin", 422), ("owner", 302)]
)
def test_only_owners_of_member_organisations_vote_in_an_election(client, world, election, role, status):
    login_as(client, world["people"].get(role))
    response = client.post(
        f"/cooperative/proposals/{election['proposal'].id}/vote",
        data={"organisation": world["member_a"].id, "choice": str(election["anna"].id)},
    )
    assert response.status_code == status
    expected = [("yes", election["anna"].id)] if role == "owner" else []
    assert [(v.choice, v.candidate_id) for v in db.session.scalars(sa.select(Vote))] == expected


@pytest.mark.parametrize("choice", ["yes", "no", "", str(10**6)])
def test_an_election_vote_must_name_a_candidate_or_abstain(client, world, election, choice):
    login_as(client, world["people"]["owner"])
    response = client.post(
        f"/cooperative/proposals/{election['proposal'].id}/vote",
        data={"organisation": world["member_a"].id, "choice": choice},
    )
    assert response.status_code == 422 and 'id="choice-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 0


def test_an_election_ballot_is_secret_members_see_who_took_part_and_the_result_is_public(
    client, world, election
):
    owner, proposal = world["people"]["owner"], election["proposal"]
    login_as(client, owner)
    client.post(
        f"/cooperative/proposals/{proposal.id}/vote",
        data={"organisation": world["member_a"].id, "choice": str(election["ben"].id)},
    )
    url = f"/cooperative/proposals/{proposal.id}"
    name = world["member_a"].actor.name
    page = client.get(url).get_data(as_text=True)
    assert f"Current vote of {name}: Ben Kandidat" in page  # the voter sees their own vote
    assert 'id="participants"' in page and 'id="voters"' not in page
    login_as(client, world["people"]["editor"])  # a member of a member organisation: who took part, not how
    page = client.get(url).get_data(as_text=True)
    assert (
        'id="participants"' in page and name in page and "Ben Kandidat" not in page.split("participants")[1]
    )
    assert 'id="candidate-results"' not in page  # no counts while voting
    login_as(client, None)
    page = client.get(url).get_data(as_text=True)
    assert 'id="participants"' not in page
    end_window(proposal)
    page = client.get(url).get_data(as_text=True)
    assert (
        'id="candidate-results"' in page
        and "Ben Kandidat: 1 vote" in page
        and "Anna Kandidatin: 0 votes" in page
    )
    assert "elected" in page and election["ben"].is_moderator and not election["anna"].is_moderator
    assert 'id="participants"' not in page and name not in page.split('id="result"')[1].split("</div>")[0]


def test_a_tied_election_says_no_one_was_elected(client, world, election):
    member_b = db.session.scalars(sa.select(CoopMember).where(CoopMember.id != world["member_a"].id)).first()
    for member, candidate in ((world["member_a"], election["anna"]), (member_b, election["ben"])):
        proposals.cast(election["proposal"], member, member.actor.owners[0], "yes", candidate.id)
    db.session.commit()
    end_window(election["proposal"])
    page = client.get(f"/cooperative/proposals/{election['proposal'].id}").get_data(as_text=True)
    assert "Rejected" in page and "Tie between Anna Kandidatin, Ben Kandidat: no one was elected." in page


def test_the_profile_history_credits_a_merge_to_the_vote_and_links_the_proposal(client, world):
    actor, member = world["member_a"].actor, world["member_a"]
    make_offering(actor, title="Beratung", tags=["Photovoltaik"])
    get_or_create_tags(["Solar"])
    db.session.commit()
    merge = file_proposal(
        member, change={"target": "tag", "operation": "merge", "name": "Photovoltaik", "into": "Solar"}
    )
    proposals.cast(merge, member, world["people"]["owner"], "yes")
    db.session.commit()
    end_window(merge)
    assert proposals.close(merge)
    db.session.commit()
    page = client.get(f"/organisations/{actor.slug}/history").get_data(as_text=True)
    assert "Decision of the data cooperative" in page
    assert f'href="/cooperative/proposals/{merge.id}"' in page and f"proposal #{merge.id}" in page


@pytest.mark.parametrize("licence, status", [("CC0-1.0", 302), ("MIT", 422), ("CC-BY-4.0", 422)])
def test_an_owner_files_a_licence_proposal_through_the_form(client, world, licence, status):
    login_as(client, world["people"]["owner"])
    data = {"organisation": world["member_a"].id, "title": "Offene Daten als CC0", "licence": licence}
    response = client.post("/cooperative/proposals/new/licence", data=data)
    assert response.status_code == status
    if status == 302:
        page = client.get(response.location).get_data(as_text=True)
        assert 'id="licence-change"' in page and "CC BY 4.0 → CC0 1.0" in page
    else:
        assert 'id="licence-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize("licence", ["MIT", "", "CC0-1.0\x00", "x" * 300])
def test_a_licence_outside_the_list_gets_a_clear_message_and_files_nothing(client, world, licence):
    login_as(client, world["people"]["owner"])
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Proposal))
    data = {"organisation": world["member_a"].id, "title": "Offene Daten", "licence": licence}
    response = client.post("/cooperative/proposals/new/licence", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="licence-error"' in html and "Please choose a licence from the list." in html
    assert "Not a valid choice" not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == before


def test_only_owners_of_member_organisations_open_the_licence_form(client, world):
    login_as(client, world["people"]["other_owner"])
    assert client.get("/cooperative/proposals/new/licence").status_code == 403
    login_as(client, world["people"]["owner"])
    assert "CC0 1.0" in client.get("/cooperative/proposals/new/licence").get_data(as_text=True)


def test_the_taxonomy_form_picks_existing_entries_by_their_label(client, world):
    """The name and "merge into" fields are pickers among the chosen vocabulary: a German label is read as
    the sector's short name; a name to add is taken as typed; an unknown entry is an error beside its
    field."""
    login_as(client, world["people"]["owner"])
    page = client.get("/cooperative/proposals/new/taxonomy").get_data(as_text=True)
    assert page.count('data-suggest-kind-from="target"') == 2 and "js/suggest.js" in page
    base = {**TAG_FORM, "organisation": world["member_a"].id, "target": "sector"}
    merge = {**base, "operation": "merge", "name": "Mobilität und Logistik", "into": "Energie"}
    german = {"Accept-Language": "de"}
    response = client.post("/cooperative/proposals/new/taxonomy", data=merge, headers=german)
    assert response.status_code == 302, re.findall(r"error[^<]*<[^<]*", response.get_data(as_text=True))
    newest = db.session.scalars(sa.select(type(world["proposal"])).order_by(sa.text("id desc"))).first()
    assert newest.change["name"] == "mobility" and newest.change["into"] == "energy"
    unknown = client.post(
        "/cooperative/proposals/new/taxonomy", data={**merge, "into": "Raumfahrt"}, headers=german
    )
    assert unknown.status_code == 422 and 'id="into-error"' in unknown.get_data(as_text=True)
    new_tag = {**base, "target": "tag", "operation": "add", "name": "Quartiersstrom"}
    assert client.post("/cooperative/proposals/new/taxonomy", data=new_tag).status_code == 302
