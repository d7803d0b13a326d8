"""Creating and editing projects, their status, co-owners and followers."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from innovex import permissions
from innovex.abuse import check_links
from innovex.converters import DATABASE_INT_MAX
from innovex.database import insert_once
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import (
    Actor,
    Feedback,
    Follow,
    Project,
    ProjectCoOwner,
    ProjectSeeking,
    ProjectUpdate,
    Sector,
    User,
)
from innovex.models.base import utcnow
from innovex.notifications.services import notify
from innovex.slugs import unique_slug
from innovex.taxonomy import get_or_create_tags
from innovex.vocab import PROJECT_SEEKING, PROJECT_STAGES, PROJECT_VISIBILITY

TITLE_MAX = 200
SUMMARY_MAX = 500
BODY_MAX = 50_000
REGION_MAX = 120
TAGS_TEXT_MAX = 600
TAGS_MAX = 20
# Path segments below /projects/ that a slug must not take.
RESERVED_SLUGS = {"new", "feed", "feed-xml"}


@dataclass
class ProjectInput:
    """What a user may set on a project; nothing else is taken from a form (no mass assignment)."""

    title: str
    summary: str
    body: str
    stage: str
    visibility: str
    seeking: list[str]
    tags: list[str]
    sectors: list[str]  # slugs
    competencies: list[str]
    region: str | None = None


def _check(data: ProjectInput) -> None:
    """Validate again what the form validated, so that services are safe on their own."""
    if not data.title.strip():
        raise DomainError(_("Please enter a title."), field="title")
    if len(data.title) > TITLE_MAX:
        raise DomainError(_("The title is too long."), field="title")
    if not data.summary.strip():
        raise DomainError(_("Please enter a summary."), field="summary")
    if len(data.summary) > SUMMARY_MAX:
        raise DomainError(_("The summary is too long."), field="summary")
    if len(data.body) > BODY_MAX:
        raise DomainError(_("The description is too long."), field="body")
    if data.region and len(data.region) > REGION_MAX:
        raise DomainError(_("The region is too long."), field="region")
    if data.stage not in PROJECT_STAGES:
        raise DomainError(_("Please choose a stage from the list."), field="stage")
    if data.visibility not in PROJECT_VISIBILITY:
        raise DomainError(_("Please choose a visibility from the list."), field="visibility")
    if any(value not in PROJECT_SEEKING for value in data.seeking):
        raise DomainError(_("Please choose what you are seeking from the list."), field="seeking")
    for field, names in (("tags", data.tags), ("competencies", data.competencies)):
        if len(names) > TAGS_MAX:
            raise DomainError(_("Please enter at most %(count)s entries.", count=TAGS_MAX), field=field)


def _sectors(slugs: list[str]) -> list[Sector]:
    if not slugs:
        return []
    sectors = db.session.scalars(sa.select(Sector).where(Sector.slug.in_(slugs))).all()
    if len(sectors) != len(set(slugs)):
        raise DomainError(_("Please choose sectors from the list."), field="sectors")
    return list(sectors)


def _apply(project: Project, data: ProjectInput) -> None:
    sectors = _sectors(data.sectors)
    project.title = data.title.strip()
    project.summary = data.summary.strip()
    project.body = data.body
    project.stage = data.stage
    project.visibility = data.visibility
    project.region = data.region
    project.sectors = sectors
    project.tags = get_or_create_tags(data.tags)
    project.competencies = get_or_create_tags(data.competencies)
    wanted = set(data.seeking)
    project.seeking_rows = [row for row in project.seeking_rows if row.value in wanted] + [
        ProjectSeeking(value=value) for value in sorted(wanted - set(project.seeking))
    ]


def create_project(author: User, actor: Actor, data: ProjectInput) -> Project:
    """A new project of `actor`, written by a member of it; the author follows it from the start."""
    if not permissions.can_act_for_actor(author, actor):
        raise DomainError(_("Please choose one of your organisations."), field="actor")
    _check(data)
    check_links(author, data.summary, data.body)
    project = Project(
        actor=actor,
        author=author,
        slug=unique_slug(Project.slug, data.title, reserved=RESERVED_SLUGS, max_length=120),
    )
    _apply(project, data)
    db.session.add(project)
    db.session.flush()
    follow(author, project)
    return project


def touch_activity(project: Project) -> None:
    """Note activity on a project (a post, an update, a move) without changing it: `updated_at` and its
    search document stay as they are, so a feedback post does not re-index the whole project."""
    now = utcnow()
    db.session.execute(
        sa.update(Project)
        .where(Project.id == project.id)
        .values(last_activity_at=now, updated_at=Project.updated_at),  # naming updated_at skips its onupdate
        execution_options={"synchronize_session": False},
    )
    set_committed_value(project, "last_activity_at", now)


def edit_project(project: Project, data: ProjectInput, editor: User | None = None) -> None:
    _check(data)
    check_links(editor, data.summary, data.body)
    _apply(project, data)
    project.last_activity_at = utcnow()
    db.session.flush()


def set_status(project: Project, status: str) -> None:
    """Owners close and reopen; a moderator's lock is not theirs to lift."""
    if project.status == "locked":
        raise DomainError(_("A moderator has locked the thread of this project."))
    if status not in ("open", "closed"):
        raise DomainError(_("Unknown status."))
    project.status = status
    project.last_activity_at = utcnow()
    db.session.flush()


def invite_coowner(project: Project, slug: str, by_user: User) -> ProjectCoOwner:
    """Invite another organisation as co-owner and tell its owners."""
    actor = db.session.scalar(sa.select(Actor).where(Actor.slug == slug.strip().lower()))
    if actor is None or actor.status != "active":
        raise DomainError(_("There is no organisation with this address."), field="organisation")
    if actor.id == project.actor_id or any(c.actor_id == actor.id for c in project.coowners):
        raise DomainError(
            _("This organisation already owns or is invited to this project."), field="organisation"
        )
    coowner = ProjectCoOwner(project=project, actor=actor, state="invited")
    db.session.add(coowner)
    db.session.flush()
    for owner in actor.owners:
        notify(owner, "invitation", by_user=by_user, project=project, actor=actor)
    return coowner


def _invitation(project: Project, actor: Actor) -> ProjectCoOwner:
    coowner = db.session.get(ProjectCoOwner, (project.id, actor.id))
    if coowner is None or coowner.state != "invited":
        raise DomainError(_("There is no open invitation for this organisation."))
    return coowner


def accept_coownership(project: Project, actor: Actor, user: User) -> None:
    """The invited organisation becomes a co-owner; the accepting owner follows the project."""
    _invitation(project, actor).state = "accepted"
    db.session.flush()
    db.session.expire(project, ["coowners"])
    follow(user, project)


def decline_coownership(project: Project, actor: Actor) -> None:
    db.session.delete(_invitation(project, actor))
    db.session.flush()


def is_following(user: User, project: Project) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.get(Follow, (user.id, project.id)) is not None


def follow(user: User, project: Project) -> None:
    if not is_following(user, project):
        insert_once(
            Follow(user_id=user.id, project_id=project.id)
        )  # a concurrent follow has the same outcome


def unfollow(user: User, project: Project) -> None:
    row = db.session.get(Follow, (user.id, project.id))
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def post_update(
    project: Project, author: User, *, title: str, changes: str, body: str, addressed_ids: list[int]
) -> ProjectUpdate:
    """Post the next version of the project and mark this project's top-level feedback as addressed by it;
    followers hear about the update, the authors of addressed feedback about their item."""
    if not title.strip() or len(title) > TITLE_MAX:
        raise DomainError(
            _("Please enter a title of at most %(max)s characters.", max=TITLE_MAX), field="title"
        )
    if not changes.strip() or len(changes) > SUMMARY_MAX:
        raise DomainError(
            _("Please say what changed in at most %(max)s characters.", max=SUMMARY_MAX), field="changes"
        )
    if len(body) > BODY_MAX:
        raise DomainError(_("The details are too long."), field="body")
    check_links(author, title, changes, body)
    addressed = _addressable(project, addressed_ids)
    # Two owners posting at once must not both take the same version: lock the project row (PostgreSQL;
    # SQLite already serialises writing requests with BEGIN IMMEDIATE).
    db.session.execute(sa.select(Project.id).where(Project.id == project.id).with_for_update())
    version = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.max(ProjectUpdate.version), 0)).where(
            ProjectUpdate.project_id == project.id
        )
    )
    update = ProjectUpdate(
        project=project,
        author=author,
        version=version + 1,
        title=title.strip(),
        changes=changes.strip(),
        body=body,
    )
    db.session.add(update)
    db.session.flush()
    for item in addressed:
        item.addressed_in_id = update.id
    touch_activity(project)
    db.session.flush()
    _notify_update(project, update, author, addressed)
    return update


def _addressable(project: Project, ids: list[int]) -> list[Feedback]:
    ids = sorted(set(ids))
    if not ids:
        return []
    storable = [i for i in ids if 0 < i <= DATABASE_INT_MAX]  # others cannot be ids, and overflow the driver
    items = db.session.scalars(sa.select(Feedback).where(Feedback.id.in_(storable))).all()
    valid = [f for f in items if f.project_id == project.id and f.parent_id is None and f.deleted_at is None]
    if len(valid) != len(ids):
        raise DomainError(
            _("Only top-level feedback on this project can be marked as addressed."), field="addressed"
        )
    return valid


def _notify_update(project: Project, update: ProjectUpdate, author: User, addressed: list[Feedback]) -> None:
    addressed_authors = {item.author_id for item in addressed if item.author_id is not None}
    followers = db.session.scalars(
        sa.select(User).join(Follow, Follow.user_id == User.id).where(Follow.project_id == project.id)
    )
    for user in followers:
        if user.id not in addressed_authors and permissions.can_view_project(user, project):
            notify(user, "update", by_user=author, project=project, update=update)
    first_item: dict[int, Feedback] = {}  # one notice per member, however many of their items it addresses
    for item in addressed:
        if item.author is not None and item.author_id not in first_item:
            first_item[item.author_id] = item
    for item in first_item.values():
        if permissions.can_view_project(item.author, project):
            notify(item.author, "addressed", by_user=author, project=project, feedback=item, update=update)
