"""The moderators' actions, one entry per action: `TOOLS` for the tools of a target's moderation page (which
form asks for it and how it is done), `QUEUE` for the review queue's resolutions of a target's reports (its
label, what the reports become, how it is done). Which of them a target type offers is its entry in
moderation/targets.py; the work itself is moderation/actions.py."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from innovex.domain import DomainError
from innovex.models import ModerationAction, User
from innovex.moderation import actions
from innovex.taxonomy import parse_tags


@dataclass(frozen=True)
class Tool:
    """One action of a moderation page: the form that asks for it ("reason", "suspend", "move" or "retag",
    see moderation/forms.py) and how it is done, as perform(obj, kind, moderator, form)."""

    form: str
    perform: Callable[[Any, str, User, Any], object]


def _texts(form) -> tuple[str, str]:
    return form.reason.data or "", form.private_note.data or ""


TOOLS: dict[str, Tool] = {
    "hide": Tool("reason", lambda obj, kind, me, form: actions.hide(obj, kind, me, *_texts(form))),
    "unhide": Tool("reason", lambda obj, kind, me, form: actions.unhide(obj, kind, me, *_texts(form))),
    "pin": Tool("reason", lambda obj, kind, me, form: actions.set_pinned(obj, True, me, *_texts(form))),
    "unpin": Tool("reason", lambda obj, kind, me, form: actions.set_pinned(obj, False, me, *_texts(form))),
    "move": Tool(
        "move",
        lambda obj, kind, me, form: actions.move_subthread(
            obj, actions.find_destination(form.destination.data), me, *_texts(form)
        ),
    ),
    "lock": Tool("reason", lambda obj, kind, me, form: actions.lock(obj, me, *_texts(form))),
    "unlock": Tool("reason", lambda obj, kind, me, form: actions.unlock(obj, me, *_texts(form))),
    "feature": Tool("reason", lambda obj, kind, me, form: actions.set_featured(obj, True, me, *_texts(form))),
    "unfeature": Tool(
        "reason", lambda obj, kind, me, form: actions.set_featured(obj, False, me, *_texts(form))
    ),
    "retag": Tool(
        "retag",
        lambda obj, kind, me, form: actions.retag(
            obj, me, parse_tags(form.tags.data), list(form.sectors.data or []), *_texts(form)
        ),
    ),
    "warn": Tool("reason", lambda obj, kind, me, form: actions.warn_user(obj, me, *_texts(form))),
    "suspend": Tool(
        "suspend",
        lambda obj, kind, me, form: actions.suspend_user(
            obj, me, form.reason.data or "", form.period, form.private_note.data or ""
        ),
    ),
    "unsuspend": Tool("reason", lambda obj, kind, me, form: actions.unsuspend_user(obj, me, *_texts(form))),
}


@dataclass(frozen=True)
class Resolution:
    """One answer of the review queue to a target's open reports: its label, what the reports become
    (Report.resolution), and how it is done, as perform(target, moderator, reason, note, days)."""

    label: Any
    outcome: str
    perform: Callable[[Any, User, str, str, int | None], ModerationAction]


def _dismiss(target, me: User, reason: str, note: str, days) -> ModerationAction:
    entry = actions.dismiss(target.type, target.id, me, reason, note, target.author, target.project)
    if target.pending_review:  # hidden only because of the reports: the reports fell, so it comes back
        actions.unhide(target.obj, target.type, me, reason or _("The reports were dismissed."), note)
    return entry


def _author(target) -> User:
    if target.author is None:
        raise DomainError(_("This content has no author to act on."), field="action")
    return target.author


QUEUE: dict[str, Resolution] = {
    "dismiss": Resolution(_l("Dismiss the reports"), "dismissed", _dismiss),
    "hide": Resolution(
        _l("Hide it"), "hidden", lambda t, me, why, note, days: actions.hide(t.obj, t.type, me, why, note)
    ),
    "delete": Resolution(
        _l("Delete it"),
        "deleted",
        lambda t, me, why, note, days: actions.delete_feedback(t.obj, me, why, note),
    ),
    "warn": Resolution(
        _l("Warn the author"),
        "warned",
        lambda t, me, why, note, days: actions.warn_user(_author(t), me, why, note),
    ),
    "suspend": Resolution(
        _l("Suspend the author"),
        "suspended",
        lambda t, me, why, note, days: actions.suspend_user(_author(t), me, why, days, note),
    ),
}
