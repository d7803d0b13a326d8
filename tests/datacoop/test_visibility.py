"""The one visibility rule, and that every place that shows profile data agrees with it for every role."""

import itertools
import json

import pytest
import sqlalchemy as sa
from flask import render_template_string
from flask_login import login_user

from innovex import visibility
from innovex.models import Actor
from innovex.models.base import utcnow
from tests.factories import login, make_actor, make_offering, make_user

GROUP_PROBES = {  # a value of each group that the rendered page shows when the group is visible
    "location": "Teststrasse 5",
    "contact": "kontakt@probe.example",
    "figures": "1987",
    "website": "https://probe.example",
}


@pytest.fixture
def people(db):
    return {
        "anonymous": None,
        "stranger": make_user(),
        "member": make_user(),
        "editor": make_user(),
        "owner": make_user(),
        "moderator": make_user(role="moderator"),
        "suspended_member": make_user(suspended_until=utcnow().replace(year=2999)),
    }


def _probe_actor(people, levels: dict) -> object:
    actor = make_actor(
        owner=people["owner"],
        editors=[people["editor"]],
        members=[people["member"], people["suspended_member"]],
        address="Teststrasse 5",
        postcode="10999",
        lat=52.5,
        lon=13.4,
        email="kontakt@probe.example",
        founded=1987,
        website="https://probe.example",
        visibility=levels,
    )
    actor.members = 12  # make_actor's `members` are people
    make_offering(actor, title="Probeangebot", tags=["probe"])
    return actor


def _actors(people):
    combos = [
        {},
        dict.fromkeys(visibility.GROUPS, "public"),
        dict.fromkeys(visibility.GROUPS, "network"),
        dict.fromkeys(visibility.GROUPS, "private"),
        {"location": "private", "contact": "public", "figures": "network", "offerings": "private"},
    ]
    return [_probe_actor(people, levels) for levels in combos]


def test_defaults_keep_contact_within_the_network(db, people):
    actor = _probe_actor(people, {})
    assert "email" not in visibility.visible_profile(actor, None)
    assert visibility.visible_profile(actor, people["stranger"])["email"] == "kontakt@probe.example"
    assert visibility.visible_profile(actor, None)["address"] == "Teststrasse 5"
    assert visibility.visible_profile(actor, None)["name"] == actor.name


def test_private_groups_are_seen_by_own_members_and_moderators_only(db, people):
    actor = _probe_actor(people, dict.fromkeys(visibility.GROUPS, "private"))
    for role in ("member", "editor", "owner", "moderator"):
        assert visibility.field_visible(actor, "contact", people[role]), role
    for role in ("anonymous", "stranger", "suspended_member"):
        assert not visibility.field_visible(actor, "contact", people[role]), role


def test_unknown_stored_level_fails_closed(db, people):
    actor = _probe_actor(people, {"contact": "everyone!"})
    assert not visibility.field_visible(actor, "contact", people["stranger"])
    assert visibility.field_visible(actor, "contact", people["owner"])
    query = sa.select(Actor.id).where(visibility.group_visible_clause("contact", people["stranger"]))
    assert actor.id not in db.session.scalars(query).all()


def _rendered_facts(app, actor, user) -> str:
    with app.test_request_context("/"):
        if user is not None:
            login_user(user)
        return render_template_string('{% include "datacoop/_profile_facts.html" %}', actor=actor)


def test_helper_sql_partial_and_api_agree_for_every_role(app, db, people):
    actors = _actors(people)
    for (role, user), actor, group in itertools.product(people.items(), actors, visibility.GROUPS):
        expected = visibility.field_visible(actor, group, user)
        in_sql = db.session.scalar(
            sa.select(sa.func.count(Actor.id)).where(
                Actor.id == actor.id, visibility.group_visible_clause(group, user)
            )
        )
        assert bool(in_sql) == expected, (role, actor.visibility, group)
        fields = visibility.GROUP_FIELDS[group]
        profile = visibility.visible_profile(actor, user)
        assert all((f in profile) == expected for f in fields), (role, group)
    for (role, user), actor in itertools.product(people.items(), actors):
        page = _rendered_facts(app, actor, user)
        client = app.test_client()
        if user is not None and not user.is_suspended:
            login(client, user)
        api = client.get(f"/api/v1/organisations/{actor.slug}").get_json()
        for group, probe in GROUP_PROBES.items():
            expected = visibility.field_visible(actor, group, user)
            assert (probe in page) == expected, (role, actor.visibility, group)
            assert all((f in api) == expected for f in visibility.GROUP_FIELDS[group]), (role, group)
        assert ("offerings" in api) == visibility.field_visible(actor, "offerings", user)


def test_map_and_exports_show_exactly_the_public_groups(client, db, people):
    actors = _actors(people)
    on_map = {f["properties"]["slug"] for f in client.get("/api/v1/actors.geojson").get_json()["features"]}
    exported = {
        f["properties"]["slug"]: f for f in client.get("/api/v1/export/actors.geojson").get_json()["features"]
    }
    lines = client.get("/api/v1/export/actors.jsonl").get_data(as_text=True).splitlines()
    records = {json.loads(line)["name"]: json.loads(line) for line in lines}
    csv_text = client.get("/api/v1/export/actors.csv").get_data(as_text=True)
    for actor in actors:
        public = visibility.visible_profile(actor, None)
        assert (actor.slug in on_map) == ("lat" in public)
        feature = exported[actor.slug]
        assert (feature["geometry"] is not None) == ("lat" in public)
        record = records[actor.name]
        for group, fields in visibility.GROUP_FIELDS.items():
            shown = visibility.field_visible(actor, group, None)
            assert all((f in feature["properties"]) == shown for f in fields if f not in ("lat", "lon"))
            assert all((f in record) == shown for f in fields), (group, record)
    public_contact = [a for a in actors if visibility.field_visible(a, "contact", None)]
    assert csv_text.count("kontakt@probe.example") == len(public_contact) == 2


def test_jsonld_partial_is_escaped_data_without_hidden_fields(app, db, people):
    actor = _probe_actor(people, {})
    actor.name = "</script><script>alert(1)</script>"
    db.session.commit()
    with app.test_request_context("/"):
        html = render_template_string('{% include "datacoop/_jsonld.html" %}', actor=actor)
    assert html.count("</script>") == 1
    data = json.loads(html.split(">", 1)[1].rsplit("</script>", 1)[0])
    assert data["@type"] == "Organization" and data["name"] == actor.name
    assert "email" not in data and data["address"]["streetAddress"] == "Teststrasse 5"
