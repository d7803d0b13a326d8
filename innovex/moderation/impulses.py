"""Impulses: announcements and calls for collaboration by the moderators, and who hears about them."""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Follow, Impulse, Membership, Project, Sector, User, actor_sectors
from innovex.models.base import utcnow
from innovex.notifications.services import notify
from innovex.text import render_markdown
from innovex.vocab import IMPULSE_KINDS

TITLE_MAX = 200
BODY_MAX = 20_000
LINKS_MAX = 20  # linked projects per impulse


@dataclass
class ImpulseInput:
    """What a moderator may set on an impulse; nothing else is taken from the form."""

    title: str
    body: str = ""
    kind: str = "announcement"
    deadline: date | None = None
    projects: list[str] = field(default_factory=list)  # slugs
    sectors: list[str] = field(default_factory=list)  # slugs


def _check(data: ImpulseInput, previous_deadline: date | None) -> None:
    if not data.title.strip():
        raise DomainError(_("Please enter a title."), field="title")
    if len(data.title) > TITLE_MAX:
        raise DomainError(_("Please keep the title under %(max)s characters.", max=TITLE_MAX), field="title")
    if len(data.body) > BODY_MAX:
        raise DomainError(_("Please keep the text under %(max)s characters.", max=BODY_MAX), field="body")
    if data.kind not in IMPULSE_KINDS:
        raise DomainError(_("Please choose a kind from the list."), field="kind")
    # An edit may keep a deadline that has passed since; a new or changed one must lie ahead.
    if data.deadline and data.deadline != previous_deadline and data.deadline < utcnow().date():
        raise DomainError(_("The deadline cannot be in the past."), field="deadline")
    if len(data.projects) > LINKS_MAX:
        raise DomainError(_("Please link at most %(max)s projects.", max=LINKS_MAX), field="projects")


def _projects(slugs: list[str]) -> list[Project]:
    found = {p.slug: p for p in db.session.scalars(sa.select(Project).where(Project.slug.in_(slugs)))}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise DomainError(
            _("There is no project with the address “%(slug)s”.", slug=missing[0]), field="projects"
        )
    return [found[slug] for slug in slugs]


def _sectors(slugs: list[str]) -> list[Sector]:
    sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(slugs))))
    if len(sectors) != len(set(slugs)):
        raise DomainError(_("Please choose sectors from the list."), field="sectors")
    return sectors


def _apply(impulse: Impulse, data: ImpulseInput) -> None:
    _check(data, impulse.deadline)
    projects, sectors = _projects(data.projects), _sectors(data.sectors)
    impulse.title = data.title.strip()
    impulse.body = data.body
    impulse.body_html = str(render_markdown(data.body))
    impulse.kind = data.kind
    impulse.deadline = data.deadline
    impulse.projects = projects
    impulse.sectors = sectors


def publish_impulse(author: User, data: ImpulseInput) -> tuple[Impulse, int]:
    """Publish a new impulse and notify the interested members; returns it and how many were notified."""
    impulse = Impulse(author=author)
    _apply(impulse, data)
    db.session.add(impulse)
    db.session.flush()
    return impulse, notify_interested(impulse)


def edit_impulse(impulse: Impulse, data: ImpulseInput) -> None:
    """Change an impulse; nobody is notified again (they were told when it was published)."""
    _apply(impulse, data)
    db.session.flush()


def withdraw_impulse(impulse: Impulse) -> None:
    if impulse.withdrawn_at is None:
        impulse.withdrawn_at = utcnow()
        db.session.flush()


def interested_users(impulse: Impulse) -> sa.Select:
    """Followers of the linked projects and members of organisations in the linked sectors, each once,
    without the author and suspended accounts: one query, however many there are."""
    project_ids = [p.id for p in impulse.projects]
    sector_ids = [s.id for s in impulse.sectors]
    followers = sa.select(Follow.user_id).where(Follow.project_id.in_(project_ids))
    members = (
        sa.select(Membership.user_id)
        .join(Actor, Actor.id == Membership.actor_id)
        .join(actor_sectors, actor_sectors.c.actor_id == Actor.id)
        .where(actor_sectors.c.sector_id.in_(sector_ids), Actor.listed)
    )
    now = utcnow()
    return (
        sa.select(User)
        .where(
            sa.or_(User.id.in_(followers), User.id.in_(members)),
            User.id != (impulse.author_id or 0),
            sa.or_(User.suspended_until.is_(None), User.suspended_until <= now),
        )
        .order_by(User.id)
    )


def notify_interested(impulse: Impulse) -> int:
    """One notice per interested member, written in one batched flush."""
    if not impulse.projects and not impulse.sectors:
        return 0
    recipients = list(db.session.scalars(interested_users(impulse)))
    for user in recipients:
        notify(user, "impulse", by_user=impulse.author, impulse=impulse)
    db.session.flush()
    return len(recipients)


def current_impulses(limit: int | None = None) -> list[Impulse]:
    """Impulses that are neither withdrawn nor past their deadline, newest first (for the home page)."""
    query = (
        sa.select(Impulse)
        .where(
            Impulse.withdrawn_at.is_(None),
            sa.or_(Impulse.deadline.is_(None), Impulse.deadline >= utcnow().date()),
        )
        .order_by(Impulse.created_at.desc(), Impulse.id.desc())
    )
    return list(db.session.scalars(query.limit(limit) if limit else query))


def all_impulses(viewer) -> sa.Select:
    """The list page: moderators also see withdrawn impulses."""
    query = sa.select(Impulse).order_by(Impulse.created_at.desc(), Impulse.id.desc())
    if not permissions.is_moderator(viewer):
        query = query.where(Impulse.withdrawn_at.is_(None))
    return query


def visible_projects(impulse: Impulse, viewer) -> list[Project]:
    return [p for p in impulse.projects if permissions.can_view_project(viewer, p)]


def is_open(impulse: Impulse) -> bool:
    return impulse.withdrawn_at is None and (impulse.deadline is None or impulse.deadline >= utcnow().date())
