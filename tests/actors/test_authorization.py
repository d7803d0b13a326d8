"""The authorization table: every organisation and offering route, for every kind of user, on objects of A.

Expected outcomes: a status code, or LOGIN for a redirect to the login page. A POST answered with 302 is a
success and must change the database; every other POST answer is a refusal and must change nothing."""

import pytest

from innovex.extensions import db
from tests.actors.conftest import snapshot, suspend
from tests.factories import login_as

LOGIN = "login"
USERS = ("anonymous", "member", "owner", "owner_b", "moderator", "admin", "suspended")


def everyone(status):
    return dict.fromkeys(USERS, status)


def logged_in(status, anonymous=LOGIN):
    return {**everyone(status), "anonymous": anonymous, "suspended": anonymous}


def only(allowed: dict, otherwise=403):
    return {**logged_in(otherwise), **allowed}


def profile(name):
    return {"name": name, "kind": "cooperative", "country": "DE", "different_organisation": "y"}


def offering_data(title="Neues Angebot"):
    return {"kind": "offer", "title": title, "tags": "a, b", "scope": "regional"}


# (id, method, url(cast), data(cast) or None, expectations)
ROUTES = [
    ("directory", "GET", lambda c: "/organisations/", None, everyone(200)),
    ("create-get", "GET", lambda c: "/organisations/new", None, logged_in(200)),
    ("create-post", "POST", lambda c: "/organisations/new", lambda c: profile("Zeta Neu"), logged_in(302)),
    ("detail", "GET", lambda c: f"/organisations/{c.a.slug}", None, everyone(200)),
    ("edit-get", "GET", lambda c: f"/organisations/{c.a.slug}/edit", None, only({"owner": 200})),
    ("edit-post", "POST", lambda c: f"/organisations/{c.a.slug}/edit", lambda c: profile("Alpha Neu"),
     only({"owner": 302})),
    ("delete-get", "GET", lambda c: f"/organisations/{c.a.slug}/delete", None, only({"owner": 200})),
    ("delete-post", "POST", lambda c: f"/organisations/{c.a.slug}/delete", lambda c: {"confirm": "y"},
     only({"owner": 302})),
    ("licence-get", "GET", lambda c: f"/organisations/{c.a.slug}/licence", None,
     only({"owner": 200, "admin": 200})),
    ("licence-post", "POST", lambda c: f"/organisations/{c.a.slug}/licence", lambda c: {"licence": "CC0-1.0"},
     only({"owner": 302, "admin": 302})),
    ("members", "GET", lambda c: f"/organisations/{c.a.slug}/members", None,
     only({"owner": 200, "member": 200})),
    ("invite", "POST", lambda c: f"/organisations/{c.a.slug}/members/invite",
     lambda c: {"email": "neu@example.org", "role": "member"}, only({"owner": 302})),
    ("revoke-invitation", "POST",
     lambda c: f"/organisations/{c.a.slug}/invitations/{c.invitation.id}/revoke", lambda c: {},
     only({"owner": 302})),
    ("set-role", "POST", lambda c: f"/organisations/{c.a.slug}/members/{c.member_a.id}/role",
     lambda c: {"role": "editor"}, only({"owner": 302})),
    ("remove-member", "POST", lambda c: f"/organisations/{c.a.slug}/members/{c.member_a.id}/remove",
     lambda c: {}, only({"owner": 302})),
    ("leave", "POST", lambda c: f"/organisations/{c.a.slug}/leave", lambda c: {},
     only({"member": 302, "owner": 400})),  # the only owner may not leave
    ("join-get", "GET", lambda c: f"/organisations/{c.a.slug}/join", None,
     only({"owner_b": 200, "moderator": 200, "admin": 200})),
    ("join-post", "POST", lambda c: f"/organisations/{c.a.slug}/join", lambda c: {"message": "Hallo"},
     only({"owner_b": 302, "moderator": 302, "admin": 302})),
    ("claim-owned-get", "GET", lambda c: f"/organisations/{c.a.slug}/claim", None, only({})),
    ("claim-owned-post", "POST", lambda c: f"/organisations/{c.a.slug}/claim", lambda c: {"message": "x"},
     only({})),
    ("claim-ownerless-get", "GET", lambda c: f"/organisations/{c.c.slug}/claim", None, logged_in(200)),
    ("claim-email-owned-get", "GET", lambda c: f"/organisations/{c.a.slug}/claim/email", None, only({})),
    ("claim-email-owned-post", "POST", lambda c: f"/organisations/{c.a.slug}/claim/email",
     lambda c: {"email": "info@alpha.example"}, only({})),
    ("claim-email-ownerless-get", "GET", lambda c: f"/organisations/{c.c.slug}/claim/email", None,
     logged_in(200)),
    ("claim-email-ownerless-post", "POST", lambda c: f"/organisations/{c.c.slug}/claim/email",
     lambda c: {"email": "info@gamma.example"}, logged_in(422)),  # C has no website to prove
    ("claim-email-link", "POST", lambda c: f"/organisations/{c.c.slug}/claim/email/not-a-token", lambda c: {},
     logged_in(400)),
    ("decide-join", "POST", lambda c: f"/organisations/{c.a.slug}/requests/{c.join.id}",
     lambda c: {"decision": "accept"}, only({"owner": 302})),
    ("claims", "GET", lambda c: "/organisations/claims", None, only({"moderator": 200, "admin": 200})),
    ("decide-claim", "POST", lambda c: f"/organisations/claims/{c.claim.id}",
     lambda c: {"decision": "accept"}, only({"moderator": 302, "admin": 302})),
    ("invitation", "GET", lambda c: f"/organisations/invitations/{c.invitation.token}", None, everyone(200)),
    ("accept-invitation", "POST", lambda c: f"/organisations/invitations/{c.invitation.token}/accept",
     lambda c: {}, logged_in(403)),  # nobody in the table has the invited address
    ("offerings-index", "GET", lambda c: "/offerings/", None, everyone(200)),
    ("offering-detail", "GET", lambda c: f"/offerings/{c.offering.id}", None, everyone(200)),
    ("offering-create-get", "GET", lambda c: f"/organisations/{c.a.slug}/offerings/new", None,
     only({"owner": 200})),
    ("offering-create-post", "POST", lambda c: f"/organisations/{c.a.slug}/offerings/new",
     lambda c: offering_data(), only({"owner": 302})),
    ("offering-edit-get", "GET", lambda c: f"/offerings/{c.offering.id}/edit", None, only({"owner": 200})),
    ("offering-edit-post", "POST", lambda c: f"/offerings/{c.offering.id}/edit",
     lambda c: offering_data("Geändert"), only({"owner": 302})),
    ("offering-delete", "POST", lambda c: f"/offerings/{c.offering.id}/delete", lambda c: {},
     only({"owner": 302})),
]  # fmt: skip

USER_OF = {
    "member": "member_a",
    "owner": "owner_a",
    "owner_b": "owner_b",
    "moderator": "moderator",
    "admin": "admin",
    "suspended": "suspended",
}


def act_as(client, cast, who):
    if who == "anonymous":
        return
    user = getattr(cast, USER_OF[who])
    login_as(client, user)
    if who == "suspended":
        suspend(user)


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(("name", "method", "url", "data", "expected"), ROUTES, ids=[r[0] for r in ROUTES])
def test_authorization_table(client, cast, who, name, method, url, data, expected):
    act_as(client, cast, who)
    before = snapshot()
    response = client.get(url(cast)) if method == "GET" else client.post(url(cast), data=data(cast))
    db.session.expire_all()
    after = snapshot()
    want = expected[who]
    if want == LOGIN:
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == want, response.get_data(as_text=True)[:2000]
    if method == "POST" and want == 302:
        assert after != before
    else:
        assert after == before


def test_every_route_is_in_the_table(app):
    """A new route of these blueprints must be added to the table above."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.split(".")[0] in
                 ("actors", "offerings")}  # fmt: skip
    covered = {
        "actors.directory", "actors.create", "actors.detail", "actors.edit", "actors.delete",
        "actors.licence",
        "actors.members", "actors.invite", "actors.revoke_invitation", "actors.set_role",
        "actors.remove_member", "actors.leave", "actors.request_join", "actors.claim",
        "actors.claim_by_email", "actors.claim_by_email_link",
        "actors.decide_request",
        "actors.claims", "actors.decide_claim", "actors.invitation", "actors.accept_invitation",
        "offerings.index", "offerings.detail", "offerings.create", "offerings.edit", "offerings.delete",
    }  # fmt: skip
    assert endpoints == covered
