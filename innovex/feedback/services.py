"""Posting, replying, editing, deleting and marking feedback helpful; notifications for each new item."""

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from innovex import permissions
from innovex.abuse import check_links
from innovex.database import insert_once
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.feedback.mentions import link_mentions, mentioned_names
from innovex.models import Actor, Feedback, FeedbackRevision, Follow, HelpfulMark, Offering, Project, User
from innovex.models.base import utcnow
from innovex.notifications.services import notify
from innovex.projects.services import touch_activity
from innovex.text import render_markdown
from innovex.vocab import FEEDBACK_KINDS

__all__ = [
    "create_feedback",
    "delete_feedback",
    "edit_feedback",
    "render_body",
    "max_depth",
    "reply_problem",
    "toggle_helpful",
]


def max_depth() -> int:
    """The number of nesting levels allowed (FEEDBACK_MAX_DEPTH): items have depth 0 .. max_depth - 1."""
    return max(1, int(current_app.config["FEEDBACK_MAX_DEPTH"]))


def _clean_body(body: str | None) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Please write something."), field="body")
    limit = current_app.config["FEEDBACK_MAX_LENGTH"]
    if len(body) > limit:
        raise DomainError(_("Please keep it under %(limit)d characters.", limit=limit), field="body")
    return body


def render_body(body: str):
    """The sanitised HTML of a body with its mentions linked, and who is mentioned."""
    return link_mentions(str(render_markdown(body)))


def _acting_actor(author: User, actor_id: int | None) -> Actor | None:
    if not actor_id:
        return None
    actor = db.session.get(Actor, actor_id)
    if actor is None or not permissions.can_act_for_actor(author, actor):
        raise DomainError(_("You can only post on behalf of your own organisations."), field="actor_id")
    return actor


def _linked_offering(author: User, offering_id: int | None, kind: str | None) -> Offering | None:
    if not offering_id:
        return None
    if kind != "offer":
        raise DomainError(_("Only an offer to help can link an offering."), field="offering_id")
    offering = db.session.get(Offering, offering_id)
    if (
        offering is None
        or offering.kind != "offer"
        or not permissions.can_act_for_actor(author, offering.actor)
    ):
        raise DomainError(_("Choose an offering of one of your organisations."), field="offering_id")
    return offering


def _checked_parent(project: Project, parent_id: int | None) -> Feedback | None:
    if parent_id is None:
        return None
    parent = db.session.get(Feedback, parent_id)
    if parent is None or parent.project_id != project.id:
        raise DomainError(_("The item you reply to is not part of this project."))
    if parent.deleted_at is not None or parent.hidden_at is not None:
        raise DomainError(_("This item was removed; it cannot get replies."))
    if parent.depth + 1 >= max_depth():
        raise DomainError(_("This thread is nested as deeply as it can be; reply further up."))
    return parent


def reply_problem(parent: Feedback, author: User) -> str | None:
    """Why the author cannot reply to an item right now, or None; for showing before they type."""
    try:
        if not permissions.can_post_feedback(author, parent.project):
            raise DomainError(_("This project does not take feedback at the moment."))
        _checked_parent(parent.project, parent.id)
    except DomainError as error:
        return error.message
    return None


def create_feedback(
    project: Project,
    author: User,
    body: str,
    *,
    kind: str | None = None,
    parent_id: int | None = None,
    actor_id: int | None = None,
    offering_id: int | None = None,
) -> Feedback:
    """Post a top-level item (with a kind) or, given parent_id, a reply (without one) and notify people."""
    if not permissions.can_post_feedback(author, project):
        raise DomainError(_("This project does not take feedback at the moment."))
    parent = _checked_parent(project, parent_id)
    if parent is not None and kind:
        raise DomainError(_("Replies have no type; only top-level feedback has one."), field="kind")
    if parent is None and kind not in FEEDBACK_KINDS:
        raise DomainError(_("Please choose the type of your feedback."), field="kind")
    body = _clean_body(body)
    check_links(author, body)
    actor = _acting_actor(author, actor_id)
    offering = _linked_offering(author, offering_id, kind)
    html, mentions = render_body(body)
    item = Feedback(
        project=project,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author=author,
        actor=actor,
        kind=kind if parent is None else None,
        body=body,
        body_html=html,
        offering=offering,
    )
    db.session.add(item)
    touch_activity(project)
    db.session.flush()
    _notify_new(item, parent, mentions.recipients())
    return item


def _notify_new(item: Feedback, parent: Feedback | None, mentioned: list[User]) -> None:
    """Reply notice to the parent's author, or feedback notices to followers; mentions to the rest."""
    project, author = item.project, item.author
    if parent is not None:
        first = [parent.author] if parent.author is not None else []
        kind = "reply"
    else:
        followers = sa.select(User).join(Follow, Follow.user_id == User.id)
        first = list(db.session.scalars(followers.where(Follow.project_id == project.id)))
        kind = "feedback"
    notified: set[int] = set()
    for user in first:
        if permissions.can_view_project(user, project) and notify(
            user, kind, by_user=author, project=project, feedback=item
        ):
            notified.add(user.id)
    _notify_mentions(item, [user for user in mentioned if user.id not in notified])


def _notify_mentions(item: Feedback, users: list[User]) -> None:
    for user in users:
        if permissions.can_view_project(user, item.project):
            notify(user, "mention", by_user=item.author, project=item.project, feedback=item)


def edit_feedback(item: Feedback, editor: User, body: str) -> Feedback:
    """Replace an item's text, keeping the previous one as a revision; a hidden item stays hidden."""
    if not permissions.can_edit_feedback(editor, item):
        raise DomainError(_("You can only edit your own feedback while the project is open."))
    body = _clean_body(body)
    check_links(editor, body)
    if body == item.body:
        return item
    before = mentioned_names(str(render_markdown(item.body)))
    html, mentions = render_body(body)
    revision_time = item.edited_at or item.created_at
    db.session.add(FeedbackRevision(feedback_id=item.id, body=item.body, created_at=revision_time))
    item.body, item.body_html, item.edited_at = body, html, utcnow()
    db.session.flush()
    _notify_mentions(item, mentions.without(before).recipients())
    return item


def delete_feedback(item: Feedback, user: User) -> None:
    """Remove an item's text and history, leaving a placeholder so that its replies stay in place."""
    if not permissions.can_delete_feedback(user, item):
        raise DomainError(_("You can only delete your own feedback."))
    remove_text(item)
    db.session.flush()


def remove_text(item: Feedback) -> None:
    """Leave a placeholder: no text, no history, no pin; replies stay in place (authors and moderators)."""
    item.deleted_at = utcnow()
    item.body = item.body_html = ""
    item.revisions.clear()
    item.pinned_at = None


def toggle_helpful(item: Feedback, user: User) -> bool:
    """Mark an item helpful for a member, or take the mark back; returns whether it is marked now."""
    if not permissions.can_post_feedback(user, item.project):
        raise DomainError(_("This project does not take feedback at the moment."))
    if item.author_id == user.id:
        raise DomainError(_("You cannot mark your own feedback as helpful."))
    if item.deleted_at is not None or item.hidden_at is not None:
        raise DomainError(_("This item was removed."))
    mark = db.session.get(HelpfulMark, (user.id, item.id))
    if mark is None:
        if not insert_once(HelpfulMark(user_id=user.id, feedback_id=item.id)):
            return True  # a concurrent request of the same member marked it first and counted it
        item.helpful_count = Feedback.helpful_count + 1
    else:
        db.session.delete(mark)
        item.helpful_count = Feedback.helpful_count - 1
    db.session.flush()
    return mark is None
