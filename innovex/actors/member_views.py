"""Membership routes of the organisations blueprint: members page, invitations, roles, requests, claims."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse
from innovex.actors import membership as service
from innovex.actors.blueprint import bp, require
from innovex.actors.forms import DecisionForm, InviteForm, RequestForm, RoleForm
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.loaders import get_actor
from innovex.models import Actor, Invitation, MembershipRequest
from innovex.permissions import (
    can_decide_claim,
)


def members_page(actor: Actor, invite_form: InviteForm | None = None, error: str | None = None):
    """The members page; a refused action re-renders it with status 400 and the reason."""
    if error:
        db.session.rollback()
    status = 400 if error or (invite_form and invite_form.errors) else 200
    return render_template(
        "actors/members.html",
        actor=actor,
        invite_form=invite_form or InviteForm(),
        invitations=service.invitations_of(actor),
        requests=service.open_requests(actor),
        error=error,
        roles_form=RoleForm(),
    ), status


@bp.get("/<slug>/members")
@login_required
def members(slug):
    actor = get_actor(slug, need="members")
    return members_page(actor)


@bp.post("/<slug>/members/invite")
@login_required
@abuse.message_limit
@verified_required
def invite(slug):
    actor = get_actor(slug, need="manage")
    form = InviteForm()
    if not form.validate():
        return members_page(actor, invite_form=form)
    try:
        invitation = service.invite(actor, form.email.data, form.role.data, current_user)
    except DomainError as error:
        show_error(form, error)
        return members_page(actor, invite_form=form)
    db.session.commit()
    service.send_invitation_mail(invitation)
    flash(_("An invitation has been sent to %(email)s.", email=invitation.email), "success")
    return redirect(url_for("actors.members", slug=actor.slug))


@bp.post("/<slug>/invitations/<int:invitation_id>/revoke")
@login_required
@abuse.action_limit
def revoke_invitation(slug, invitation_id):
    actor = get_actor(slug, need="manage")
    invitation = db.get_or_404(Invitation, invitation_id)
    if invitation.actor_id != actor.id:
        abort(404)
    service.revoke_invitation(invitation)
    db.session.commit()
    flash(_("The invitation has been withdrawn."), "success")
    return redirect(url_for("actors.members", slug=actor.slug))


def _member_or_404(actor: Actor, user_id: int):
    membership = service.membership_of(actor, user_id)
    if membership is None:
        abort(404)
    return membership


@bp.post("/<slug>/members/<int:user_id>/role")
@login_required
@abuse.action_limit
def set_role(slug, user_id):
    actor = get_actor(slug, need="manage")
    membership = _member_or_404(actor, user_id)
    form = RoleForm()
    if not form.validate():
        return members_page(actor, error=_("Please choose a role from the list."))
    try:
        service.set_role(membership, form.role.data)
    except DomainError as error:
        return members_page(actor, error=error.message)
    db.session.commit()
    flash(_("The role has been changed."), "success")
    return redirect(url_for("actors.members", slug=actor.slug))


@bp.post("/<slug>/members/<int:user_id>/remove")
@login_required
@abuse.action_limit
def remove_member(slug, user_id):
    actor = get_actor(slug, need="manage")
    try:
        service.remove_member(_member_or_404(actor, user_id))
    except DomainError as error:
        return members_page(actor, error=error.message)
    db.session.commit()
    flash(_("The member has been removed."), "success")
    return redirect(url_for("actors.members", slug=actor.slug))


@bp.post("/<slug>/leave")
@login_required
@abuse.action_limit
def leave(slug):
    actor = get_actor(slug, need="members")
    try:
        service.leave(_member_or_404(actor, current_user.id))
    except DomainError as error:
        return members_page(actor, error=error.message)
    db.session.commit()
    flash(_("You have left %(name)s.", name=actor.name), "success")
    return redirect(url_for("actors.detail", slug=actor.slug))


def _request_page(actor: Actor, kind: str):
    form = RequestForm()
    if form.validate_on_submit():
        try:
            service.request_membership(actor, current_user, kind, form.message.data or "")
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your request has been sent. You will be notified of the decision."), "success")
            return redirect(url_for("actors.detail", slug=actor.slug))
    status = 422 if form.errors else 200
    return render_template("actors/request.html", actor=actor, form=form, kind=kind), status


@bp.route("/<slug>/join", methods=["GET", "POST"])
@login_required
@abuse.message_limit
@verified_required
def request_join(slug):
    actor = get_actor(slug, need="join")
    return _request_page(actor, "join")


@bp.route("/<slug>/claim", methods=["GET", "POST"])
@login_required
@abuse.message_limit
@verified_required
def claim(slug):
    actor = get_actor(slug, need="claim")
    return _request_page(actor, "claim")


@bp.post("/<slug>/requests/<int:request_id>")
@login_required
@abuse.action_limit
def decide_request(slug, request_id):
    actor = get_actor(slug, need="manage")
    join_request = db.get_or_404(MembershipRequest, request_id)
    if join_request.actor_id != actor.id or join_request.kind != "join":
        abort(404)
    form = DecisionForm()
    if not form.validate():
        return members_page(actor, error=_("Please accept or decline."))
    try:
        service.decide_request(join_request, form.decision.data == "accept", current_user)
    except DomainError as error:
        return members_page(actor, error=error.message)
    db.session.commit()
    flash(_("The request has been decided."), "success")
    return redirect(url_for("actors.members", slug=actor.slug))


@bp.get("/claims")
@login_required
def claims():
    require(can_decide_claim(current_user))
    return render_template("actors/claims.html", claims=service.open_claims(), error=None)


@bp.post("/claims/<int:request_id>")
@login_required
@abuse.action_limit
def decide_claim(request_id):
    require(can_decide_claim(current_user))
    claim_request = db.get_or_404(MembershipRequest, request_id)
    if claim_request.kind != "claim":
        abort(404)
    form = DecisionForm()
    try:
        if not form.validate():
            raise DomainError(_("Please accept or decline."))
        service.decide_request(claim_request, form.decision.data == "accept", current_user)
    except DomainError as error:
        db.session.rollback()
        return render_template("actors/claims.html", claims=service.open_claims(), error=error.message), 400
    db.session.commit()
    flash(_("The claim has been decided."), "success")
    return redirect(url_for("actors.claims"))


def _invitation_or_404(token: str) -> Invitation:
    invitation = service.invitation_by_token(token)
    if invitation is None:
        abort(404)
    return invitation


@bp.get("/invitations/<token>")
def invitation(token):
    invitation = _invitation_or_404(token)
    return render_template("actors/invitation.html", invitation=invitation, error=None)


@bp.post("/invitations/<token>/accept")
@login_required
@abuse.action_limit
def accept_invitation(token):
    invitation = _invitation_or_404(token)
    actor = invitation.actor
    try:
        service.accept_invitation(invitation, current_user)
    except DomainError as error:
        db.session.rollback()
        return render_template("actors/invitation.html", invitation=invitation, error=error.message), 403
    db.session.commit()
    flash(_("Welcome to %(name)s.", name=actor.name), "success")
    return redirect(url_for("actors.detail", slug=actor.slug))
