"""The registry of reportable things: every report target type has one entry, and its links lead somewhere."""

import re

import pytest
from flask import url_for

from innovex.moderation.reports import load_target
from innovex.moderation.targets import KINDS
from innovex.moderation.tools import QUEUE, TOOLS
from innovex.vocab import REPORT_TARGETS
from tests.factories import login_as
from tests.moderation.queue_cast import proposal_comment, report, suggestion

pytest_plugins = ["tests.moderation.queue_fixtures"]


def test_every_report_target_type_has_one_kind():
    assert set(KINDS) == set(REPORT_TARGETS)
    assert all(kind.name == name for name, kind in KINDS.items())


def _target_of(world, target_type):
    return {
        "feedback": lambda: world.item,
        "project": lambda: world.project,
        "actor": lambda: world.coop,
        "user": lambda: world.author,
        "proposal_comment": lambda: proposal_comment(world),
        "suggestion": lambda: suggestion(world),
    }[target_type]()


@pytest.mark.parametrize("target_type", sorted(REPORT_TARGETS))
def test_each_kinds_pages_answer_for_a_moderator(client, world, target_type):
    obj = _target_of(world, target_type)
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


@pytest.mark.parametrize("target_type", sorted(REPORT_TARGETS))
def test_the_queue_offers_exactly_the_registrys_actions(client, world, target_type):
    obj = _target_of(world, target_type)
    report(world.moderator, target_type, obj.id)
    login_as(client, world.moderator)
    page = client.get("/moderation/queue").get_data(as_text=True)
    key = f"{target_type}-{obj.id}"
    offered = re.findall(rf'name="{key}-action" value="(\w+)"', page)
    assert offered == list(KINDS[target_type].queue_actions)


@pytest.mark.parametrize("target_type", sorted(REPORT_TARGETS))
def test_the_tools_page_offers_exactly_the_registrys_tools(client, world, target_type):
    obj = _target_of(world, target_type)
    kind = KINDS[target_type]
    login_as(client, world.moderator)
    page = client.get(url_for(kind.tools_endpoint, **kind.url_args(obj))).get_data(as_text=True)
    expected = kind.tools(obj, world.moderator)
    assert expected, "every type has a tool for a moderator"
    urls = [url_for(kind.action_endpoint, action=action, **kind.url_args(obj)) for action in expected]
    offered = re.findall(r'<form method="post" action="([^"]+)" class="form"', page)
    assert offered == urls


def test_every_tool_of_every_type_is_performed_by_the_registry():
    for kind in KINDS.values():
        assert set(kind.tool_actions) <= set(TOOLS), kind.name


def test_every_resolution_the_queue_offers_is_performed_by_the_registry():
    for kind in KINDS.values():
        assert set(kind.queue_actions) <= set(QUEUE), kind.name
    assert len({resolution.outcome for resolution in QUEUE.values()}) == len(QUEUE)
