"""Joining and leaving the data cooperative, the charter's versions, and who casts an organisation's vote."""

import pytest

from innovex import permissions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.governance import membership
from tests.factories import make_actor, make_user

from .conftest import member_org


def test_an_owner_joins_with_the_current_charter_and_can_leave(app):
    owner = make_user()
    actor = make_actor(owner=owner)
    member = membership.join(actor, owner, 1)
    assert (member.charter_version, member.accepted_by, member.active) == (1, owner, True)
    assert membership.member_count() == 1
    assert [m.actor for m in db.session.scalars(membership.active_members())] == [actor]
    membership.leave(actor, owner)
    assert member.left_at is not None and membership.member_count() == 0
    again = membership.join(actor, owner, 1)
    assert again.id == member.id and again.active


def test_only_owners_join_and_an_outdated_charter_is_refused(app):
    owner, editor = make_user(), make_user()
    actor = make_actor(owner=owner, editors=[editor])
    with pytest.raises(DomainError):
        membership.join(actor, editor, 1)
    membership.add_text_version("charter", "Neu", "New", owner)
    with pytest.raises(DomainError, match="changed"):
        membership.join(actor, owner, 1)
    assert membership.join(actor, owner, 2).charter_version == 2
    with pytest.raises(DomainError, match="already"):
        membership.join(actor, owner, 2)


def test_texts_keep_their_versions_and_the_first_one_is_built_in(app):
    assert membership.current_text("charter").version == 1
    assert "Datencharta" in membership.current_text("charter").body_de
    membership.add_text_version("charter", "Zwei", "Two", None)
    versions = membership.text_versions("charter")
    assert [v.version for v in versions] == [2, 1]


def test_the_diff_escapes_and_marks_lines():
    html = str(membership.diff_html("a\n<b>", "a\n<c>"))
    assert html == "<span>a</span><del>&lt;b&gt;</del><ins>&lt;c&gt;</ins>"


def test_editors_vote_only_when_the_owners_allow_it(app):
    owner, editor, plain = make_user(), make_user(), make_user()
    actor, member = member_org(owner, editors=[editor], members=[plain])
    assert permissions.can_vote_for(owner, member)
    assert not permissions.can_vote_for(editor, member)
    assert not permissions.can_vote_for(plain, member)
    membership.set_editors_vote(actor, owner, True)
    assert permissions.can_vote_for(editor, member)
    assert not permissions.can_vote_for(plain, member)
    with pytest.raises(DomainError):
        membership.set_editors_vote(actor, editor, False)
    membership.leave(actor, owner)
    assert not permissions.can_vote_for(owner, member)
