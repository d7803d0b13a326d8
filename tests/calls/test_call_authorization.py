"""Every call route for every role (anonymous, member without organisation, the project's member, another
organisation's owner, the project's owner, a moderator): the expected status; refusals change nothing."""

import pytest
import sqlalchemy as sa

from innovex.models import Call, CallSubmission, CallSupport
from tests.calls.call_factories import make_call, submitted
from tests.factories import login_as

ROLES = ["anonymous", "bystander", "member", "other_owner", "owner", "moderator"]
# (method, path template, {role: expected status}); POST bodies are empty, so a permitted POST either
# redirects after a refusal message or shows the form again with errors: never a 500, never a change.
ROUTES = [
    ("get", "/calls/", dict.fromkeys(ROLES, 200)),
    ("get", "/calls/{slug}", dict.fromkeys(ROLES, 200)),
    ("get", "/calls/{draft}", {**dict.fromkeys(ROLES, 404), "moderator": 200}),
    (
        "get",
        "/calls/new",
        {
            "anonymous": 302,
            "bystander": 403,
            "member": 403,
            "other_owner": 200,
            "owner": 200,
            "moderator": 200,
        },
    ),
    ("get", "/calls/{slug}/edit", {**dict.fromkeys(ROLES, 403), "anonymous": 302, "moderator": 200}),
    ("post", "/calls/{slug}/close", {**dict.fromkeys(ROLES, 403), "anonymous": 302, "moderator": None}),
    ("post", "/calls/{draft}/approve", {**dict.fromkeys(ROLES, 404), "anonymous": 302, "moderator": None}),
    ("get", "/calls/{slug}/submit", {**dict.fromkeys(ROLES, 200), "anonymous": 302}),
    (
        "post",
        "/calls/{slug}/submissions/{entry}/withdraw",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member": None, "owner": None},
    ),
    (
        "get",
        "/calls/{slug}/submissions/{entry}/decide",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "moderator": 200},
    ),
    (
        "post",
        "/calls/{slug}/submissions/{entry}/decide",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "moderator": 422},
    ),
    ("post", "/calls/{slug}/submissions/{entry}/support", {**dict.fromkeys(ROLES, 303), "anonymous": 302}),
    (
        "post",
        "/calls/{slug}/submissions/{entry}/unsupport",
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member": 403},
    ),
]
CASES = [(m, p, role, codes[role]) for m, p, codes in ROUTES for role in ROLES]


@pytest.mark.parametrize(("method", "path", "role", "expected"), CASES)
def test_route_and_role(client, db, people, method, path, role, expected):
    call = make_call(people["moderator"])
    draft = make_call(people["other_owner"], actor=people["other"], question="Draft question?")
    draft.actor, draft.created_by = None, people["moderator"]  # a moderators' draft: only moderators see it
    entry = submitted(call, people)
    db.session.commit()
    if role != "anonymous":
        login_as(client, people[role])
    url = path.format(slug=call.slug, draft=draft.slug, entry=entry.id)
    response = getattr(client, method)(url)
    if expected is None:  # permitted: any success or redirect
        assert response.status_code in (200, 303), url
    else:
        assert response.status_code == expected, url
    if expected != 200 and expected is not None:
        db.session.expire_all()
        assert db.session.get(Call, call.id).state == "open"
        assert db.session.get(Call, draft.id).state == "draft"
        assert db.session.get(CallSubmission, entry.id).state == "submitted"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CallSupport)) == 0
