"""The data cooperative's pages: overview, members, texts, joining, proposals, votes, the admins' settings."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import OperationalError

from innovex import abuse, licences, network_settings, permissions
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.governance import membership, proposals
from innovex.governance.forms import (
    OPERATIONS,
    PROPOSAL_FORMS,
    TARGETS,
    CommentForm,
    EditorsVoteForm,
    ElectionVoteForm,
    JoinForm,
    SettingsForm,
    VoteForm,
)
from innovex.loaders import get_actor
from innovex.models import Proposal
from innovex.models.base import utcnow
from innovex.moderation.blueprint import admin_required
from innovex.vocab import PROPOSAL_KINDS, TEXT_KINDS

bp = Blueprint("governance", __name__, url_prefix="/cooperative")


@bp.app_context_processor
def governance_helpers() -> dict:
    return {
        "text_body": membership.body_in_language,
        "taxonomy_targets": TARGETS,
        "taxonomy_operations": OPERATIONS,
        "licence_name": licences.name_of,
        "setting_label": lambda key: (
            network_settings.SETTINGS[key].label if key in network_settings.SETTINGS else key
        ),
    }


@bp.get("/")
def index():
    owned = _own_organisations()
    return render_template(
        "governance/index.html",
        open_proposals=db.session.scalars(proposals.proposals_query("open").limit(50)).all(),
        decided=db.session.scalars(
            proposals.proposals_query().where(Proposal.state != "open").limit(20)
        ).all(),
        owned=[(actor, membership.membership_of(actor)) for actor in owned],
        member_count=membership.member_count(),
        can_file=bool(membership.owned_members_for(current_user)),
        kinds=PROPOSAL_KINDS,
    )


def _own_organisations():
    if not current_user.is_authenticated:
        return []
    return sorted((m.actor for m in current_user.memberships if m.role == "owner"), key=lambda a: a.name)


@bp.get("/members")
def members():
    return render_template("governance/members.html", members=db.session.scalars(membership.active_members()))


@bp.get("/texts/<kind>")
def text(kind):
    if kind not in TEXT_KINDS:
        abort(404)
    versions = membership.text_versions(kind)
    shown = versions[0]
    if (wanted := request.args.get("version", type=int)) is not None:
        shown = next((v for v in versions if v.version == wanted), None) or abort(404)
    return render_template("governance/text.html", kind=kind, text=shown, versions=versions)


@bp.route("/join/<slug>", methods=["GET", "POST"])
@login_required
@abuse.action_limit
@verified_required
def join(slug):
    actor = get_actor(slug, need="manage")
    charter = membership.current_text("charter")
    form = JoinForm(charter_version=charter.version)
    if form.validate_on_submit():
        try:
            version = int(form.charter_version.data or 0)
            membership.join(actor, current_user, version)
        except (DomainError, ValueError) as error:
            show_error(form, error if isinstance(error, DomainError) else DomainError(_("Please try again.")))
        else:
            db.session.commit()
            flash(_("%(name)s is now a member of the data cooperative.", name=actor.name), "success")
            return redirect(url_for("governance.index"))
    return render_template("governance/join.html", actor=actor, charter=charter, form=form), (
        422 if form.errors or form.form_errors else 200
    )


def _owner_action(slug, action, message):
    actor = get_actor(slug, need="manage")
    try:
        action(actor)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("governance.index")), 303
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("governance.index"))


@bp.post("/leave/<slug>")
@login_required
@abuse.action_limit
def leave(slug):
    return _owner_action(
        slug,
        lambda actor: membership.leave(actor, current_user),
        _("The organisation has left the cooperative."),
    )


@bp.post("/editors/<slug>")
@login_required
@abuse.action_limit
def editors(slug):
    allowed = EditorsVoteForm().editors_vote.data
    return _owner_action(
        slug,
        lambda actor: membership.set_editors_vote(actor, current_user, bool(allowed)),
        _("Your decision has been saved."),
    )


@bp.route("/proposals/new/<kind>", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def new_proposal(kind):
    if kind not in PROPOSAL_FORMS:
        abort(404)
    own = membership.owned_members_for(current_user)
    if not own:
        abort(403)
    form = PROPOSAL_FORMS[kind]()
    form.organisation.choices = [(m.id, m.actor.name) for m in own]
    if request.method == "GET" and kind == "text":
        current = membership.current_text(form.text_kind.data or "charter")
        form.body_de.data, form.body_en.data = current.body_de, current.body_en
    if form.validate_on_submit():
        member = next((m for m in own if m.id == form.organisation.data), None)
        data = proposals.ProposalInput(kind, form.title.data, form.body.data, form.change())
        if form.days.data:
            data.opens_at = utcnow()
            data.closes_at = data.opens_at + timedelta(days=form.days.data)
        try:
            if member is None:
                raise DomainError(_("Please choose one of your member organisations."), field="organisation")
            proposal = proposals.file(data, current_user, member)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your proposal is open for votes."), "success")
            return redirect(url_for("governance.proposal", proposal_id=proposal.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("governance/new.html", form=form, kind=kind, kinds=PROPOSAL_KINDS), status


def _load(proposal_id: int) -> Proposal:
    proposal = db.get_or_404(Proposal, proposal_id)
    if proposal.state == "open" and proposal.closes_at <= utcnow():
        try:  # closed by the first visit after the window (the CLI does it too; once only)
            if proposals.close(proposal):
                db.session.commit()
        except (
            OperationalError
        ):  # SQLite busy with another writer: the close command or the next visit does it
            db.session.rollback()
            proposal = db.get_or_404(Proposal, proposal_id)
    return proposal


def _vote_form(proposal: Proposal, voters) -> VoteForm:
    """Yes / no / abstain, or in an election one of the candidates or abstain."""
    form = ElectionVoteForm() if proposal.kind == "election" else VoteForm()
    if isinstance(form, ElectionVoteForm):
        form.set_candidates(proposal)
    form.organisation.choices = [(m.id, m.actor.name) for m in voters]
    return form


@bp.get("/proposals/<int:proposal_id>")
def proposal(proposal_id, vote_form=None, status=200, comment_form=None):
    proposal = _load(proposal_id)
    voters = membership.voting_members_for(current_user)
    form = vote_form or _vote_form(proposal, voters)
    return render_template(
        "governance/proposal.html",
        proposal=proposal,
        tally=proposals.tally(proposal) if proposal.is_open else proposal.result,
        voting=proposals.is_voting(proposal),
        form=form,
        own_votes=[(m, proposals.vote_of(proposal, m)) for m in voters],
        show_voters=permissions.can_see_who_voted(current_user, proposal),
        show_participants=permissions.can_see_who_took_part(current_user, proposal),
        candidate_names={c["user_id"]: c["name"] for c in proposal.change.get("candidates", [])},
        diff=_diff(proposal),
        comment_form=comment_form or CommentForm(),
    ), status


def _diff(proposal: Proposal):
    if proposal.kind != "text":
        return None
    kind = proposal.change["text_kind"]
    base = next(
        (v for v in membership.text_versions(kind) if v.version == proposal.change["base_version"]), None
    )
    base = base or membership.current_text(kind)
    return {
        "de": membership.diff_html(base.body_de, proposal.change["body_de"]),
        "en": membership.diff_html(base.body_en, proposal.change["body_en"]),
    }


@bp.post("/proposals/<int:proposal_id>/vote")
@login_required
@abuse.action_limit
@verified_required
def vote(proposal_id):
    proposal = _load(proposal_id)
    voters = membership.voting_members_for(current_user)
    form = _vote_form(proposal, voters)
    if not form.validate_on_submit():
        return _proposal_page(proposal_id, form, 422)
    member = next((m for m in voters if m.id == form.organisation.data), None)
    choice, candidate_id = form.vote() if isinstance(form, ElectionVoteForm) else (form.choice.data, None)
    try:
        if member is None:
            raise DomainError(_("You cannot vote for this organisation."), field="organisation")
        proposals.cast(proposal, member, current_user, choice, candidate_id)
    except DomainError as error:
        show_error(form, error)
        return _proposal_page(proposal_id, form, 409 if proposal.state != "open" else 422)
    db.session.commit()
    flash(_("The vote of %(name)s has been saved.", name=member.actor.name), "success")
    return redirect(url_for("governance.proposal", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/comments")
@login_required
@abuse.post_limit
@verified_required
def comment(proposal_id):
    subject = _load(proposal_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            item = proposals.comment(subject, current_user, form.body.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            return redirect(
                url_for("governance.proposal", proposal_id=proposal_id, _anchor=f"comment-{item.id}")
            )
    status = 403 if not permissions.can_discuss_proposal(current_user) else 422
    return _proposal_page(proposal_id, None, status, comment_form=form)


def _proposal_page(proposal_id, form, status, comment_form=None):
    return proposal(proposal_id, vote_form=form, status=status, comment_form=comment_form)


@bp.route("/settings", methods=["GET", "POST"])
@admin_required
@abuse.action_limit
def settings():
    form = SettingsForm(data={key: network_settings.get(key) for key in network_settings.ON_SETTINGS_PAGE})
    if form.validate_on_submit():
        try:
            for key in network_settings.ON_SETTINGS_PAGE:
                try:
                    network_settings.put(key, form[key].data)
                except DomainError as error:
                    raise DomainError(error.message, field=key) from None
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The settings have been saved."), "success")
            return redirect(url_for("governance.settings"))
    return render_template("governance/settings.html", form=form), 422 if form.errors else 200
