"""Publishing, editing, hiding and listing solutions; building blocks, links and licences; the visibility
rule and its SQL twin."""

import pytest
import sqlalchemy as sa

from innovex import permissions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Solution, SolutionBlock, SolutionLink
from innovex.solutions import services
from innovex.solutions.services import Block, Link, SolutionInput
from tests.project_factories import make_project
from tests.solutions.solution_factories import make_solution


def test_publishing_names_the_project_owners_as_builders_and_keeps_blocks_and_links(people):
    solution = make_solution(people["project"], people["owner"], licence="agpl-3.0-or-later")
    assert solution.slug == "cargo-bike-booking"
    assert [a.name for a in solution.builders] == ["Lastenrad eG"]
    assert [(b.name, b.description) for b in solution.blocks] == [
        ("Booking calendar", "reserves bikes by the hour")
    ]
    assert [(link.label, link.url) for link in solution.links] == [
        ("Source code", "https://code.example.org/bikes")
    ]
    assert solution.published_by == people["owner"]


def test_a_known_licence_is_stored_as_its_spdx_id_and_other_text_as_written(people):
    data = SolutionInput(title="Open data", summary="s", licence="CC BY-SA 4.0")
    assert services.publish_solution(people["project"], people["owner"], data).licence == "CC-BY-SA-4.0"
    data = SolutionInput(title="Code", summary="s", licence="  EUPL 1.2  ")
    assert services.publish_solution(people["project"], people["owner"], data).licence == "EUPL 1.2"


def test_only_the_projects_owners_publish(people):
    data = SolutionInput(title="Not mine", summary="s")
    for who in ("other_owner", "bystander", "moderator"):
        with pytest.raises(DomainError):
            services.publish_solution(people["project"], people[who], data)
    # a member of the owning organisation is an owner of the project
    assert services.publish_solution(people["project"], people["member"], data).id


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": " "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"summary": ""}, "summary"),
        ({"licence": "x" * 121}, "licence"),
        ({"contact": "x" * 201}, "contact"),
        ({"costs": "x" * 5001}, "costs"),
        ({"links": [Link("javascript:alert(1)")]}, "links"),
        ({"links": [Link("ftp://example.org/x")]}, "links"),
        ({"links": [Link("https://")]}, "links"),
        ({"links": [Link(f"https://example.org/{n}") for n in range(11)]}, "links"),
        ({"blocks": [Block("A"), Block("a")]}, "blocks"),
        ({"blocks": [Block("x" * 121)]}, "blocks"),
        ({"blocks": [Block(f"B{n}") for n in range(21)]}, "blocks"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(people, fields, field):
    data = SolutionInput(**{"title": "Fine", "summary": "Fine", **fields})
    with pytest.raises(DomainError) as error:
        services.publish_solution(people["project"], people["owner"], data)
    assert error.value.field == field
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Solution)) == 0


def test_lines_become_blocks_and_links_and_back():
    blocks = services.parse_blocks("Booking calendar: reserves bikes\n\nLock adapter\nApp – for phones")
    assert [(b.name, b.description) for b in blocks] == [
        ("Booking calendar", "reserves bikes"),
        ("Lock adapter", ""),
        ("App", "for phones"),
    ]
    links = services.parse_links("Code | https://example.org/code\nhttps://example.org/docs")
    assert [(link.label, link.url) for link in links] == [
        ("Code", "https://example.org/code"),
        ("", "https://example.org/docs"),
    ]
    assert services.parse_links(services.format_links(links)) == links
    assert services.parse_blocks(services.format_blocks(blocks)) == blocks


def test_editing_replaces_blocks_and_links(people):
    solution = make_solution(people["project"], people["owner"])
    data = SolutionInput(
        title="Cargo bike booking",
        summary="New summary",
        blocks=[Block("Lock adapter"), Block("Booking calendar", "by the hour")],
        links=[],
    )
    services.edit_solution(solution, data, people["member"])
    db.session.commit()
    assert [b.name for b in solution.blocks] == ["Lock adapter", "Booking calendar"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SolutionLink)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SolutionBlock)) == 2
    assert solution.slug == "cargo-bike-booking"  # slugs never change
    with pytest.raises(DomainError):
        services.edit_solution(solution, data, people["other_owner"])


def _visible(user) -> set[int]:
    statement = sa.select(Solution.id).where(permissions.visible_solutions_filter(user))
    return set(db.session.scalars(statement))


def test_visibility_follows_the_project_and_moderation_and_the_sql_twin_agrees(people):
    shown = make_solution(people["project"], people["owner"], title="Shown")
    hidden = make_solution(people["project"], people["owner"], title="Hidden")
    services.set_hidden(hidden, people["moderator"], True)
    draft_project = make_project(people["home"], people["owner"], visibility="draft")
    in_draft = make_solution(draft_project, people["owner"], title="In a draft")
    db.session.commit()
    everyone = [None, *people.values()]
    users = [u for u in everyone if u is None or hasattr(u, "email")]
    for user in users:
        expected = {s.id for s in (shown, hidden, in_draft) if permissions.can_view_solution(user, s)}
        assert _visible(user) == expected, user
    assert _visible(None) == {shown.id}
    assert _visible(people["owner"]) == {shown.id, hidden.id, in_draft.id}
    assert _visible(people["other_owner"]) == {shown.id}
    assert _visible(people["moderator"]) == {shown.id, hidden.id, in_draft.id}


def test_only_moderators_hide(people):
    solution = make_solution(people["project"], people["owner"])
    with pytest.raises(DomainError):
        services.set_hidden(solution, people["owner"], True)
    services.set_hidden(solution, people["moderator"], True)
    assert solution.hidden_at is not None and solution.hidden_by_id == people["moderator"].id
    services.set_hidden(solution, people["moderator"], False)
    assert solution.hidden_at is None


def test_the_library_filters_by_text_sector_and_tag(people):
    bikes = make_solution(people["project"], people["owner"])
    people["project"].sectors = [s for s in _sectors() if s.slug == _sectors()[0].slug]
    other_project = make_project(people["other"], people["other_owner"], tags=["Energie"])
    solar = make_solution(other_project, people["other_owner"], title="Solar roof kit", blocks=[])
    db.session.commit()

    def found(**args):
        filters = services.SolutionFilters.from_args(args)
        return [s.id for s in db.session.scalars(services.listed_solutions(None, filters))]

    assert found() == [solar.id, bikes.id]
    assert found(q="calendar") == [bikes.id]  # a building block's name
    assert found(q="SOLAR") == [solar.id]
    assert found(tag="energie") == [solar.id]
    assert found(sector=_sectors()[0].slug) == [bikes.id]
    assert found(sector="no-such-sector") == []


def _sectors():
    from innovex.models import Sector

    return list(db.session.scalars(sa.select(Sector).order_by(Sector.slug)))


def test_an_organisation_lists_the_solutions_it_built(people):
    solution = make_solution(people["project"], people["owner"])
    assert services.solutions_built_by(people["home"], None) == [solution]
    assert services.solutions_built_by(people["other"], None) == []
