"""Changing the roadmap: themes, milestones, attachments, the public log, and the timeline's geometry."""

from datetime import date

import pytest
import sqlalchemy as sa

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import RoadmapChange, RoadmapMilestone, RoadmapTheme
from innovex.roadmap import services
from tests.calls.call_factories import make_call
from tests.project_factories import make_project


def log(theme) -> list[tuple[str, str]]:
    return [(change.action, change.detail) for change in reversed(services.changes_of(theme))]


def test_a_theme_gets_a_slug_and_every_change_is_logged_with_old_and_new(people, theme):
    moderator = people["moderator"]
    assert theme.slug == "mobilitaet"
    services.edit_theme(
        theme, moderator, {"name": "Mobilität", "goal": "Weniger Autos, mehr Räder", "horizon_on": None}
    )
    db.session.commit()
    change = services.changes_of(theme)[0]
    assert change.action == "theme_edited" and change.author_id == moderator.id
    assert change.changes == {
        "goal": ["Weniger Autos", "Weniger Autos, mehr Räder"],
        "horizon_on": ["2030-12-31", None],
    }
    assert log(theme) == [
        ("theme_created", "Mobilität"),
        ("milestone_added", "Pilot in Leipzig"),
        ("theme_edited", "Mobilität"),
    ]


def test_saving_without_a_change_logs_nothing(people, theme):
    before = len(services.changes_of(theme))
    services.edit_theme(
        theme, people["moderator"], {"name": theme.name, "goal": theme.goal, "horizon_on": theme.horizon_on}
    )
    milestone = theme.milestones[0]
    data = {k: getattr(milestone, k) for k in services.MILESTONE_FIELDS}
    services.edit_milestone(milestone, people["moderator"], data)
    assert len(services.changes_of(theme)) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "Energie", "goal": "x" * 10_001}, "goal"),
    ],
)
def test_a_bad_theme_is_refused_and_writes_nothing(people, data, field):
    with pytest.raises(DomainError) as caught:
        services.create_theme(people["moderator"], data)
    assert caught.value.field == field
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RoadmapTheme)) == 0


def test_reserved_and_taken_slugs_are_avoided(people):
    first = services.create_theme(people["moderator"], {"name": "Energie"})
    second = services.create_theme(people["moderator"], {"name": "Energie"})
    reserved = services.create_theme(people["moderator"], {"name": "New"})
    assert first.slug == "energie" and second.slug != "energie" and reserved.slug != "new"


def test_reaching_a_milestone_dates_it_and_only_then(people, theme):
    milestone = theme.milestones[0]
    data = {
        "title": milestone.title,
        "description": "",
        "due_on": milestone.due_on,
        "state": "reached",
        "reached_on": None,
    }
    services.edit_milestone(milestone, people["moderator"], data)
    assert milestone.reached_on is not None
    with pytest.raises(DomainError) as caught:
        services.add_milestone(
            theme,
            people["moderator"],
            {"title": "Später", "state": "planned", "reached_on": date(2026, 1, 1)},
        )
    assert caught.value.field == "reached_on"
    with pytest.raises(DomainError) as caught:
        services.add_milestone(theme, people["moderator"], {"title": "Später", "state": "done"})
    assert caught.value.field == "state"


def test_projects_and_calls_are_attached_once_and_detached(people, theme):
    milestone = theme.milestones[0]
    call = make_call(people["moderator"])
    project = people["project"]
    services.link(milestone, people["moderator"], "project", project.slug.upper())
    services.link(milestone, people["moderator"], "project", project.slug)  # a second time changes nothing
    services.link(milestone, people["moderator"], "call", call.slug)
    db.session.commit()
    assert milestone.projects == [project] and milestone.calls == [call]
    assert [a for a, _ in log(theme)].count("linked") == 2
    services.unlink(milestone, people["moderator"], "project", project.id)
    db.session.commit()
    assert milestone.projects == []
    assert log(theme)[-1] == ("unlinked", "Pilot in Leipzig")
    assert services.changes_of(theme)[0].changes == {"project": [project.id, None]}
    with pytest.raises(DomainError):
        services.unlink(milestone, people["moderator"], "project", project.id)


@pytest.mark.parametrize(
    ("kind", "slug", "field"),
    [("project", "no-such-project", "slug"), ("call", "no-such-call", "slug"), ("tag", "x", "kind")],
)
def test_attaching_something_unknown_names_the_field(people, theme, kind, slug, field):
    with pytest.raises(DomainError) as caught:
        services.link(theme.milestones[0], people["moderator"], kind, slug)
    assert caught.value.field == field


def test_drafts_and_proposed_calls_stay_off_the_roadmap(people, theme):
    draft = make_project(people["home"], people["owner"], title="Noch geheim", visibility="draft")
    proposed = make_call(people["owner"], actor=people["home"], question="Noch nicht genehmigt?")
    assert proposed.state == "draft"
    for kind, target in (("project", draft), ("call", proposed)):
        with pytest.raises(DomainError) as caught:
            services.link(theme.milestones[0], people["moderator"], kind, target.slug)
        assert caught.value.field == "slug"


def test_viewers_see_only_the_attached_projects_they_may_see(people, theme):
    milestone = theme.milestones[0]
    shared = make_project(people["home"], people["owner"], title="Nur fürs Netzwerk", visibility="network")
    services.link(milestone, people["moderator"], "project", shared.slug)
    services.link(milestone, people["moderator"], "project", people["project"].slug)
    db.session.commit()
    anonymous_projects, _ = services.visible_links(milestone, None)
    member_projects, _ = services.visible_links(milestone, people["member"])
    assert anonymous_projects == [people["project"]]
    assert set(member_projects) == {people["project"], shared}


def test_removing_a_milestone_keeps_its_log_entry(people, theme):
    milestone = theme.milestones[0]
    services.remove_milestone(milestone, people["moderator"])
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RoadmapMilestone)) == 0
    assert log(theme)[-1] == ("milestone_removed", "Pilot in Leipzig")
    assert all(c.milestone_id is None for c in db.session.scalars(sa.select(RoadmapChange)))


def test_archived_themes_leave_the_roadmap_but_stay_readable(people, theme):
    services.archive_theme(theme, people["moderator"])
    db.session.commit()
    assert services.themes() == []
    assert services.themes(include_archived=True) == [theme]


def test_the_timeline_places_milestones_today_and_horizon_in_date_order(people, theme):
    moderator = people["moderator"]
    services.add_milestone(
        theme, moderator, {"title": "Start", "state": "reached", "reached_on": date(2026, 1, 1)}
    )
    services.add_milestone(theme, moderator, {"title": "Ohne Datum", "state": "planned"})
    db.session.commit()
    db.session.expire_all()
    theme = db.session.get(RoadmapTheme, theme.id)
    assert [m.title for m in theme.milestones] == ["Start", "Pilot in Leipzig", "Ohne Datum"]
    line = services.timeline(theme, today=date(2026, 12, 1))
    assert (line.starts_on, line.ends_on) == (date(2026, 1, 1), date(2030, 12, 31))
    assert [(mark.number, mark.milestone.title) for mark in line.marks] == [
        (1, "Start"),
        (2, "Pilot in Leipzig"),
    ]
    xs = [line.marks[0].x, line.today_x, line.marks[1].x, line.horizon_x]
    assert xs == sorted(xs) and xs[0] == 20.0 and xs[-1] == 980.0
    assert [year for year, _ in line.years] == [2027, 2028, 2029, 2030]


def test_no_timeline_without_a_date(people):
    theme = services.create_theme(people["moderator"], {"name": "Plattformen"})
    services.add_milestone(theme, people["moderator"], {"title": "Irgendwann", "state": "planned"})
    assert services.timeline(theme) is None


def test_a_short_span_is_stretched_to_two_months(people):
    theme = services.create_theme(people["moderator"], {"name": "Kurz", "horizon_on": date(2026, 12, 10)})
    line = services.timeline(theme, today=date(2026, 12, 1))
    assert (line.ends_on - line.starts_on).days == 60
