"""A project's feedback thread as the templates show it: the rows of feedback/queries.py arranged as a tree
in Python, with what the viewer may do with each item, URL patterns and labels translated once."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from babel import dates as babel_dates
from flask import current_app, url_for
from flask_babel import format_date, get_locale, get_timezone, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from innovex import permissions
from innovex.feedback import queries
from innovex.feedback.forms import FeedbackForm
from innovex.feedback.queries import ThreadItem
from innovex.feedback.services import max_depth
from innovex.models import Feedback, Project
from innovex.vocab import FEEDBACK_KINDS

SORTS = {"oldest": _l("Oldest first"), "newest": _l("Newest first"), "helpful": _l("Most helpful")}
DEFAULT_SORT = "oldest"
_ID = 987654321  # a stand-in id, replaced by "%d" to make URL patterns


@dataclass(slots=True)
class ThreadNode:
    """One item in the tree, with its replies (chronological) and what the viewer may do with it."""

    item: ThreadItem
    children: list["ThreadNode"] = field(default_factory=list)
    replies: int = 0  # every descendant, not only direct replies
    marked: bool = False  # the viewer has marked it helpful
    own: bool = False
    show_text: bool = True
    can_reply: bool = False


def page_depth() -> int:
    """How many levels one page shows before it offers "continue this thread" (FEEDBACK_PAGE_DEPTH)."""
    return max(1, int(current_app.config.get("FEEDBACK_PAGE_DEPTH") or max_depth()))


def build_tree(items: list[ThreadItem], sort: str = DEFAULT_SORT) -> dict[int, ThreadNode]:
    """Link chronologically ordered items into nodes and count replies; returns nodes by id, roots under 0."""
    nodes = {item.id: ThreadNode(item) for item in items}
    roots = ThreadNode(item=None)  # type: ignore[arg-type]
    for item in items:
        parent = roots if item.parent_id is None else nodes.get(item.parent_id)
        if parent is not None:
            parent.children.append(nodes[item.id])
    for item in sorted(items, key=lambda i: i.depth, reverse=True):
        parent = nodes.get(item.parent_id) if item.parent_id is not None else None
        if parent is not None:
            parent.replies += nodes[item.id].replies + 1
    if sort == "newest":
        roots.children.reverse()
    elif sort == "helpful":
        roots.children.sort(key=lambda node: -node.item.helpful_count)  # stable: ties stay oldest first
    roots.children.sort(key=lambda node: node.item.pinned_at is None)  # pinned items lead, in sort order
    nodes[0] = roots
    return nodes


def _mark_permissions(nodes: dict[int, ThreadNode], viewer, project: Project, marks: set[int]) -> None:
    can_post = permissions.can_post_feedback(viewer, project)
    viewer_id = viewer.id if getattr(viewer, "is_authenticated", False) else None
    cap = max_depth()
    for node_id, node in nodes.items():
        if node_id == 0:
            continue
        item = node.item
        node.own = viewer_id is not None and item.author_id == viewer_id
        node.marked = item.id in marks
        node.show_text = item.hidden_at is None or permissions.can_read_feedback_text(viewer, item)
        node.can_reply = can_post and item.deleted_at is None and item.hidden_at is None
        node.can_reply = node.can_reply and item.depth + 1 < cap


# The visible trace of a moderator's change in a thread; "move_in" is the destination's side of a move.
NOTICES = {
    "lock": _l("Locked by moderation on %(date)s"),
    "unlock": _l("Unlocked by moderation on %(date)s"),
    "pin": _l("A contribution was pinned by moderation on %(date)s"),
    "unpin": _l("A contribution was unpinned by moderation on %(date)s"),
    "feature": _l("Featured by moderation on %(date)s"),
    "unfeature": _l("No longer featured, by moderation on %(date)s"),
    "retag": _l("Tags and sectors edited by moderation on %(date)s"),
    "hide": _l("Hidden by moderation on %(date)s"),
    "unhide": _l("Restored by moderation on %(date)s"),
    "auto_hide": _l("Hidden after reports on %(date)s, pending review"),
    "move": _l("A sub-thread was moved to another project by moderation on %(date)s"),
    "move_in": _l("A sub-thread was moved here from another project by moderation on %(date)s"),
}


@dataclass(slots=True)
class ThreadNotice:
    text: str
    reason: str  # the public reason only; private notes never reach a thread
    created_at: datetime


def moderation_notices(project: Project) -> list[ThreadNotice]:
    """The moderation log's entries about this thread, oldest first, as short public notices."""
    return [
        ThreadNotice(str(NOTICES[key]) % {"date": format_date(created_at)}, reason, created_at)
        for key, reason, created_at in queries.moderation_entries(project)
        if key in NOTICES
    ]


def moderation_urls() -> dict[str, str]:
    """printf-style URL patterns for reporting an item or its author, and for a moderator's tools."""

    def pattern(endpoint: str, **values) -> str:
        return url_for(endpoint, **values).replace("%", "%%").replace(str(_ID), "%d")

    return {
        "report": pattern("moderation.report", target_type="feedback", target_id=_ID),
        "report_author": pattern("moderation.report", target_type="user", target_id=_ID),
        "moderate": pattern("moderation.feedback_tools", item_id=_ID),
    }


def url_patterns() -> dict[str, str]:
    """printf-style URL patterns for the per-item actions, so that a long thread needs no url_for per item."""
    names = ("thread", "reply", "edit", "delete", "helpful", "history")
    return {
        name: url_for(f"feedback.{name}", id=_ID).replace("%", "%%").replace(str(_ID), "%d") for name in names
    }


def _per_count(label):
    """Remember a count-dependent label per count, so that each number is translated only once."""
    cache: dict[int, str] = {}

    def cached(num: int) -> str:
        if num not in cache:
            cache[num] = label(num)
        return cache[num]

    return cached


def timestamp_formatter():
    """A formatter for thread timestamps that asks Babel once per day shown, not once per item."""
    locale, zone = get_locale(), get_timezone()
    pattern = _("%(date)s, %(time)s")
    days: dict = {}
    utc = str(zone) == "UTC"

    def when(value: datetime) -> str:
        local = value if utc else zone.normalize(value.replace(tzinfo=UTC).astimezone(zone))
        day = local.date()
        if day not in days:
            days[day] = babel_dates.format_date(day, "medium", locale=locale)
        return pattern % {"date": days[day], "time": local.strftime("%H:%M")}

    return when


def thread_context(
    project: Project, viewer, sort: str | None = None, root: Feedback | None = None, form=None
) -> dict:
    """Everything templates/feedback/_thread.html needs, for a whole project or the sub-thread below root;
    form replaces the empty feedback form (one that was refused, with its errors)."""
    sort = sort if sort in SORTS else DEFAULT_SORT
    nodes = build_tree(queries.load_items(project), sort)
    _mark_permissions(nodes, viewer, project, queries.helpful_ids(project, viewer))
    top = nodes[0].children if root is None else [nodes[root.id]] if root.id in nodes else []
    can_post = permissions.can_post_feedback(viewer, project)
    if form is None and root is None and can_post:
        form = FeedbackForm.for_author(viewer)
    return {
        "thread": top,
        "thread_root": root,
        "thread_count": len(nodes) - 1,
        "sort": sort,
        "sorts": SORTS,
        "feedback_form": form,
        "feedback_action": url_for("feedback.create", slug=project.slug, _anchor="feedback-form"),
        "max_depth": max_depth(),
        "page_depth": page_depth(),
        "base_depth": root.depth if root is not None else 0,
        "feedback_urls": url_patterns(),
        "moderation_urls": moderation_urls(),
        "moderation_notices": moderation_notices(project) if root is None else [],
        "is_moderator": permissions.is_moderator(viewer),
        "actor_url": url_for("actors.detail", slug="SLUG").replace("%", "%%").replace("SLUG", "%s"),
        "project_url": url_for("projects.detail", slug=project.slug),
        "project_author_id": project.author_id,
        "can_post": can_post,
        "kinds": {value: str(label) for value, label in FEEDBACK_KINDS.items()},
        "replies_label": _per_count(lambda num: ngettext("%(num)d reply", "%(num)d replies", num)),
        "continue_label": _per_count(
            lambda num: ngettext(
                "Continue this thread (%(num)d reply)", "Continue this thread (%(num)d replies)", num
            )
        ),
        "helpful_label": _per_count(
            lambda num: ngettext("%(num)d found this helpful", "%(num)d found this helpful", num)
        ),
        "when": timestamp_formatter(),
    }
