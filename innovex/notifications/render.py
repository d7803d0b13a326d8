"""Notifications as sentences: built from kind and targets at display time, in the reader's language."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from innovex import permissions
from innovex.extensions import db
from innovex.i18n import format_moment
from innovex.models import Notification, ProposalComment, User
from innovex.visibility import field_visible
from innovex.vocab import update_name

SENTENCES = {
    "reply": _l("%(who)s replied to your feedback on “%(project)s”."),
    "feedback": _l("%(who)s gave feedback on “%(project)s”."),
    "mention": _l("%(who)s mentioned you in the feedback on “%(project)s”."),
    "update": _l("%(update)s of “%(project)s” has been posted."),
    "addressed": _l("Your feedback on “%(project)s” was addressed in %(update)s."),
    "coowner": _l("%(who)s invited %(organisation)s to co-own “%(project)s”."),
    "invitation": _l("%(who)s invited you to join %(organisation)s."),
    "membership": _l("%(who)s: news about membership in %(organisation)s."),
    "relation": _l("%(who)s: news about a relation of %(organisation)s with another organisation."),
    "interest": _l("%(who)s expressed interest in “%(project)s” for %(organisation)s."),
    "interest_decided": _l("%(who)s decided on the interest of %(organisation)s in “%(project)s”."),
    "moderation": _l("Moderation: %(action)s. Reason: %(reason)s"),
    "moderation_project": _l("Moderation on “%(project)s”: %(action)s. Reason: %(reason)s"),
    "report_resolved": _l("Your report was reviewed by the moderators: %(action)s."),
    "impulse": _l("New impulse from the network: “%(impulse)s”."),
    "call_shortlisted": _l("“%(project)s” was shortlisted in the call “%(call)s”."),
    "call_selected": _l("“%(project)s” was selected in the call “%(call)s”."),
    "call_supported": _l("%(organisation)s supports “%(project)s” in the call “%(call)s”."),
    "call_approved": _l("%(who)s approved your call “%(call)s”; it is open now."),
    "suggestion": _l("%(who)s suggested a correction to the profile of %(organisation)s."),
    "suggestion_decided": _l("%(who)s decided on your suggested correction to %(organisation)s."),
    "solution_adopted": _l(
        "%(who)s adopted your solution “%(solution)s” for %(organisation)s: “%(project)s”."
    ),
    "governance": _l("The data cooperative has decided: %(reason)s"),
    "candidacy": _l(
        "%(who)s named you as a candidate in the moderator election “%(proposal)s”; "
        "the member organisations vote until %(closes)s."
    ),
    "election_elected": _l("You were elected as a moderator in “%(proposal)s”."),
    "election_not_elected": _l(
        "The moderator election “%(proposal)s” has been decided: you were not elected."
    ),
    # The kind "subscription", by what the new item is (see _subscription_sentence).
    "subscription_project": _l("New project for your subscriptions: “%(project)s”."),
    "subscription_call": _l("New call for your subscriptions: “%(call)s”."),
    "subscription_offer": _l("New offer for your subscriptions: “%(offering)s” by %(organisation)s."),
    "subscription_need": _l("New need for your subscriptions: “%(offering)s” of %(organisation)s."),
    "subscription_solution": _l("New solution for your subscriptions: “%(solution)s”."),
}


@dataclass
class Notice:
    """What a notification says (plain text; templates escape it) and where it leads, if anywhere."""

    text: str
    url: str | None


def describe(notification: Notification, viewer: User, external: bool = False) -> Notice:
    """The sentence and link for one notification; targets the viewer may not see lose title and link."""
    project, actor, update = notification.project, notification.actor, notification.update
    offering = notification.offering
    if offering is not None:
        actor = offering.actor
    project_visible = project is not None and permissions.can_view_project(viewer, project)
    actor_visible = actor is not None and permissions.can_view_actor(viewer, actor)
    offering_visible = offering is not None and field_visible(offering.actor, "offerings", viewer)
    values = {
        "who": notification.by_user.display_name if notification.by_user else _("A former member"),
        "project": project.title if project_visible else _("a project you cannot see"),
        "organisation": actor.name if actor_visible else _("an organisation"),
        "update": update_name(update.version if update is not None else None),
        "action": _action_label(notification),
        "reason": _public_reason(notification),
        "impulse": notification.impulse.title if notification.impulse is not None else "",
        "call": notification.call.question if notification.call is not None else "",
        "solution": notification.solution.title if notification.solution is not None else "",
        "offering": offering.title if offering_visible else _("an offering you cannot see"),
        **_election_values(notification),
    }
    kind = "coowner" if notification.kind == "invitation" and project is not None else notification.kind
    if kind == "moderation" and project is not None:
        kind = "moderation_project"
    if kind == "subscription":
        kind = _subscription_sentence(notification)
    if kind == "election_result":
        kind = _election_sentence(notification)
    text = str(SENTENCES.get(kind, SENTENCES["membership"])) % values
    if offering is not None:
        url = (
            url_for("offerings.detail", offering_id=offering.id, _external=external)
            if offering_visible
            else None
        )
        return Notice(text=text, url=url)
    return Notice(text=text, url=_target_url(notification, project_visible, actor_visible, external))


def _election_values(notification: Notification) -> dict:
    proposal = notification.proposal
    if proposal is None:
        return {"proposal": "", "closes": ""}
    return {"proposal": proposal.title, "closes": format_moment(proposal.closes_at)}


def _election_sentence(notification: Notification) -> str:
    """Elected only when the vote put the reader into the role (a passed election applied at its close)."""
    proposal = notification.proposal
    if proposal is None or proposal.applied_at is None:
        return "election_not_elected"
    elected = notification.user_id in (proposal.result or {}).get("elected", [])
    return "election_elected" if elected else "election_not_elected"


def _subscription_sentence(notification: Notification) -> str:
    if notification.offering is not None:
        return f"subscription_{notification.offering.kind}"
    if notification.call is not None:
        return "subscription_call"
    if notification.solution is not None:
        return "subscription_solution"
    return "subscription_project"


def _public_reason(notification: Notification) -> str:
    """The moderator's public reason; for an automatic hide, the reasons members gave in their reports."""
    from innovex.vocab import REPORT_REASONS

    entry = notification.moderation_action
    if entry is None:
        return "–"
    if entry.action == "auto_hide":
        labels = [str(REPORT_REASONS[r]) for r in entry.detail.split(",") if r in REPORT_REASONS]
        return _(
            "reported by several members (%(reasons)s), hidden until a moderator reviews it",
            reasons=", ".join(labels) or "–",
        )
    return entry.reason or "–"


def _action_label(notification: Notification) -> str:
    from innovex.vocab import MODERATION_ACTIONS

    entry = notification.moderation_action
    return str(MODERATION_ACTIONS.get(entry.action, entry.action)) if entry is not None else ""


def _target_url(notification: Notification, project_visible: bool, actor_visible: bool, external: bool):
    entry = notification.moderation_action
    if entry is not None and entry.target_type == "proposal":  # a decision of the data cooperative
        return url_for("governance.proposal", proposal_id=entry.target_id, _external=external)
    if entry is not None and entry.target_type == "proposal_comment":  # a contribution hidden or restored
        item = db.session.get(ProposalComment, entry.target_id)
        if item is not None:
            url = url_for("governance.proposal", proposal_id=item.proposal_id, _external=external)
            return url + f"#comment-{item.id}"
    if notification.proposal is not None:  # a candidate's election
        return url_for("governance.proposal", proposal_id=notification.proposal_id, _external=external)
    if notification.call is not None:  # a call's notice leads to the call page, where the reason is shown
        return url_for("calls.detail", slug=notification.call.slug, _external=external)
    if notification.solution is not None and not project_visible:  # an adopting draft: the solution's page
        return url_for("solutions.detail", slug=notification.solution.slug, _external=external)
    if notification.project is not None:
        if not project_visible:
            return None
        anchor = None
        if notification.update is not None:
            anchor = f"update-{notification.update.version}"
        elif notification.feedback is not None:
            anchor = f"feedback-{notification.feedback.id}"
        return url_for("projects.detail", slug=notification.project.slug, _anchor=anchor, _external=external)
    if notification.impulse is not None:
        return url_for("moderation.impulse", impulse_id=notification.impulse.id, _external=external)
    if notification.actor is not None and actor_visible:
        return url_for("actors.detail", slug=notification.actor.slug, _external=external)
    return None
