"""Claiming an ownerless profile by proving an email address at the organisation's website domain.

The claimant names an address such as info@kollektiv.example for a profile whose website is
https://www.kollektiv.example; innovex mails a signed, expiring link there. Opening it while logged in as
the claimant (and pressing the button) makes them the owner. The link is bound to the claimant's account and
to the profile having no owner, so it is used up as soon as anyone owns the profile. The moderators' way
(membership.request_membership with kind "claim") stays for profiles without a website of their own.
"""

import hashlib

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from innovex.actors.email_domains import email_matches_site, is_free_mail, registrable_domain
from innovex.actors.membership import membership_of, open_request
from innovex.auth.services import normalise_email
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.mail import send_mail
from innovex.models import Actor, Membership, MembershipRequest, User
from innovex.models.base import utcnow
from innovex.normalise import website_domain

CLAIM_SALT = "innovex.actors.claim-by-email"
DEFAULT_MAX_AGE = 2 * 24 * 60 * 60  # seconds; INNOVEX_CLAIM_LINK_MAX_AGE changes it


def max_age() -> int:
    return int(current_app.config.get("CLAIM_LINK_MAX_AGE") or DEFAULT_MAX_AGE)


def site_domain(actor: Actor) -> str | None:
    """The registrable domain of the profile's own website ("kollektiv.example"), or None when it has none
    (no website, or one on a shared host such as a social network)."""
    return registrable_domain(website_domain(actor.website))


def _ownership_state(actor: Actor) -> str:
    # Empty while nobody owns the profile; any owner changes it, which retires every link sent before.
    owners = sorted(m.user_id for m in actor.memberships if m.role == "owner")
    return hashlib.sha256(",".join(map(str, owners)).encode()).hexdigest()[:16] if owners else ""


def _account_fingerprint(user: User) -> str:
    # A deleted account's id can be handed out again (SQLite); the creation time tells the two apart.
    return hashlib.sha256(f"{user.id}:{user.created_at.isoformat()}".encode()).hexdigest()[:16]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=CLAIM_SALT)


def check_claim_address(actor: Actor, raw_email: str) -> str:
    """The normalised address if it may prove the claim; otherwise a DomainError saying why."""
    if actor.owners:
        raise DomainError(_("This profile already has owners; you can ask to join instead."))
    site = site_domain(actor)
    if site is None:
        raise DomainError(
            _(
                "This profile has no website of its own, so it cannot be claimed by email. "
                "Please ask the moderators instead."
            )
        )
    email = normalise_email(raw_email)
    domain = email.rpartition("@")[2]
    if is_free_mail(domain):
        raise DomainError(
            _(
                "Addresses at %(domain)s can be had by anyone, so they cannot prove that you speak for the "
                "organisation. Please use an address at %(site)s.",
                domain=domain,
                site=site,
            ),
            field="email",
        )
    if not email_matches_site(domain, site):
        raise DomainError(
            _(
                "The address must be at %(site)s (or a subdomain of it), the domain of the profile's "
                "website; %(domain)s is not.",
                site=site,
                domain=domain,
            ),
            field="email",
        )
    return email


def claim_token(actor: Actor, user: User, email: str) -> str:
    return _serializer().dumps(
        {"a": actor.id, "u": _account_fingerprint(user), "e": email, "o": _ownership_state(actor)}
    )


def send_claim_mail(actor: Actor, user: User, email: str) -> None:
    """Mail the signed link to the address at the organisation's domain, in the claimant's language."""
    link = url_for(
        "actors.claim_by_email_link", slug=actor.slug, token=claim_token(actor, user, email), _external=True
    )
    config = current_app.config
    locale = user.locale if user.locale in config["LANGUAGES"] else config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        subject = _("Confirm that you speak for %(name)s on innovex", name=actor.name)
        body = _(
            "Hello,\n\n%(person)s (@%(handle)s) wants to become the owner of the profile of %(name)s on "
            "innovex and named this address to prove it.\n\n"
            "If that is you, open this link within %(hours)s hours while logged in to innovex as %(person)s, "
            "and confirm:\n\n%(link)s\n\n"
            "If you do not know about this, ignore this mail; nothing changes.\n",
            person=user.display_name,
            handle=user.handle,
            name=actor.name,
            hours=max_age() // 3600,
            link=link,
        )
    send_mail(email, subject, body)


def email_from_token(actor: Actor, user: User, token: str) -> str:
    """The address a genuine, unexpired, unused link for this profile and this account was sent to."""
    try:
        data = _serializer().loads(token, max_age=max_age())
    except SignatureExpired:
        raise DomainError(_("This link has expired. Please ask for a new one.")) from None
    except BadSignature:
        raise DomainError(_("This link is not valid. Please check that you copied all of it.")) from None
    if not isinstance(data, dict) or data.get("a") != actor.id or not isinstance(data.get("e"), str):
        raise DomainError(_("This link is not valid. Please check that you copied all of it."))
    if data.get("u") != _account_fingerprint(user):
        raise DomainError(
            _("This link was sent for another account. Please log in with the account that asked for it.")
        )
    if actor.owners or data.get("o") != _ownership_state(actor):
        raise DomainError(_("This profile has an owner by now, so the link can no longer be used."))
    site = site_domain(actor)
    if site is None or not email_matches_site(data["e"].rpartition("@")[2], site):
        raise DomainError(
            _("The profile's website has changed since the link was sent. Please ask for a new one.")
        )
    return data["e"]


def complete_claim(actor: Actor, user: User, email: str) -> Membership:
    """Make the claimant the owner and keep a record of how they proved it (an accepted claim request)."""
    membership = membership_of(actor, user.id)
    if membership is None:
        membership = Membership(user=user, actor=actor, role="owner")
        db.session.add(membership)
    membership.role = "owner"
    request = open_request(actor, user, "claim")
    if request is None:
        request = MembershipRequest(actor=actor, user=user, kind="claim", message="")
        db.session.add(request)
    request.message = f"{request.message}\n[verified by email: {email}]".strip()
    request.state = "accepted"
    request.decided_at = utcnow()
    request.decided_by_id = user.id
    db.session.flush()
    return membership
