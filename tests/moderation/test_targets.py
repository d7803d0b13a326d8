"""The registry of reportable things: every report target type has one entry, and its links lead somewhere."""

import pytest
from flask import url_for

from innovex.moderation.reports import load_target
from innovex.moderation.targets import KINDS
from innovex.vocab import REPORT_TARGETS
from tests.factories import login_as
from tests.moderation.queue_cast import proposal_comment, suggestion

pytest_plugins = ["tests.moderation.queue_fixtures"]


def test_every_report_target_type_has_one_kind():
    assert set(KINDS) == set(REPORT_TARGETS)
    assert all(kind.name == name for name, kind in KINDS.items())


@pytest.mark.parametrize("target_type", sorted(REPORT_TARGETS))
def test_each_kinds_pages_answer_for_a_moderator(client, world, target_type):
    obj = {
        "feedback": lambda: world.item,
        "project": lambda: world.project,
        "actor": lambda: world.coop,
        "user": lambda: world.author,
        "proposal_comment": lambda: proposal_comment(world),
        "suggestion": lambda: suggestion(world),
    }[target_type]()
    kind = KINDS[target_type]
    target = load_target(target_type, obj.id)
    assert target.obj is obj
    assert set(target.actions) == set(kind.queue_actions)
    login_as(client, world.moderator)
    for url in (kind.url(obj), kind.back_url(obj)):
        assert client.get(url.split("#")[0]).status_code == 200, url
    tools = url_for(kind.tools_endpoint, **kind.url_args(obj))
    assert client.get(tools).status_code == 200
    assert kind.label(obj)
    assert not kind.hidden(obj)
