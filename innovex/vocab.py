"""Fixed vocabularies: the values stored in the database and their translated labels."""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

SITE_ROLES = {"member": _l("Member"), "moderator": _l("Moderator"), "admin": _l("Administrator")}

ACTOR_KINDS = {
    "cooperative": _l("Cooperative"),
    "platform_coop": _l("Platform cooperative"),
    "collaborative": _l("Collaborative enterprise"),
    "association": _l("Association"),
    "network": _l("Network or federation"),
    "supporter": _l("Supporting organisation"),
    "research": _l("Research institution"),
    "public_body": _l("Public body"),
}

LEGAL_FORMS = {
    "eg": _l("eG (registered cooperative)"),
    "gmbh": _l("GmbH"),
    "ggmbh": _l("gGmbH"),
    "ev": _l("e.V. (registered association)"),
    "ag": _l("AG"),
    "ug": _l("UG"),
    "other": _l("Other"),
}

ACTOR_STATUSES = {"active": _l("Active"), "hidden": _l("Hidden")}

MEMBERSHIP_ROLES = {"owner": _l("Owner"), "editor": _l("Editor"), "member": _l("Member")}

REQUEST_KINDS = {"join": _l("Join"), "claim": _l("Claim")}
REQUEST_STATES = {"open": _l("Open"), "accepted": _l("Accepted"), "declined": _l("Declined")}

OFFERING_KINDS = {"offer": _l("Offer"), "need": _l("Need")}
OFFERING_SCOPES = {
    "local": _l("Local"),
    "regional": _l("Regional"),
    "national": _l("National"),
    "international": _l("International"),
}

PROJECT_STAGES = {
    "idea": _l("Idea"),
    "concept": _l("Concept"),
    "prototype": _l("Prototype"),
    "pilot": _l("Pilot"),
    "scaling": _l("Scaling"),
    "completed": _l("Completed"),
}
PROJECT_SEEKING = {
    "feedback": _l("Feedback"),
    "partners": _l("Implementation partners"),
    "cofunding": _l("Co-funding"),
    "pilot_users": _l("Pilot users"),
    "knowledge": _l("Knowledge"),
}
PROJECT_VISIBILITY = {
    "draft": _l("Draft (owners only)"),
    "network": _l("Network (logged-in members)"),
    "public": _l("Public"),
}
# Said after saving a project, so that nobody thinks a draft is published.
VISIBILITY_AUDIENCE = {
    "draft": _l(
        "It is a draft: only its owners see it until you make it visible to the network or the public."
    ),
    "network": _l("Members of the network see it once they are logged in."),
    "public": _l("Everyone sees it, also without logging in."),
}
PROJECT_STATUSES = {"open": _l("Open"), "locked": _l("Locked"), "closed": _l("Closed")}
COOWNER_STATES = {"invited": _l("Invited"), "accepted": _l("Accepted")}

FEEDBACK_KINDS = {
    "question": _l("Question"),
    "idea": _l("Idea"),
    "concern": _l("Concern"),
    "praise": _l("Praise"),
    "offer": _l("Offer to help"),
}

EMAIL_PREFERENCES = {"off": _l("Off"), "instant": _l("Instantly"), "daily": _l("Daily digest")}

NOTIFICATION_KINDS = {
    "reply": _l("Reply to your feedback"),
    "feedback": _l("Feedback on your project"),
    "mention": _l("Mention"),
    "update": _l("Project update"),
    "addressed": _l("Feedback addressed"),
    "invitation": _l("Invitation"),
    "membership": _l("Membership"),
    "relation": _l("Relation between organisations"),
    "interest": _l("Interest in your project"),
    "interest_decided": _l("Interest decided"),
    "moderation": _l("Moderation of your content"),
    "report_resolved": _l("Your report was reviewed"),
    "impulse": _l("Impulse from the network"),
    "call_shortlisted": _l("Your project was shortlisted in a call"),
    "call_selected": _l("Your project was selected in a call"),
    "call_supported": _l("An organisation supports your project in a call"),
    "call_approved": _l("Your call was approved"),
    "suggestion": _l("Suggested correction to your profile"),
    "suggestion_decided": _l("Your suggested correction was decided"),
    "solution_adopted": _l("Your solution was adopted"),
    "governance": _l("Decision of the data cooperative"),
    "subscription": _l("New item for one of your subscriptions"),
    "candidacy": _l("You are a candidate in a moderator election"),
    "election_result": _l("Result of a moderator election you stood in"),
}

# What an interest subscription can report (innovex.subscriptions), in the order the digest lists them.
SUBSCRIPTION_KINDS = {
    "project": _l("Projects"),
    "call": _l("Calls for collaboration"),
    "offer": _l("Offers"),
    "need": _l("Needs"),
    "solution": _l("Solutions"),
}
SUBSCRIPTION_FREQUENCIES = {"daily": _l("Daily"), "weekly": _l("Weekly")}

REPORT_TARGETS = {
    "feedback": _l("Feedback"),
    "project": _l("Project"),
    "actor": _l("Organisation"),
    "user": _l("Member"),
    "proposal_comment": _l("Contribution to a proposal"),
    "suggestion": _l("Suggested correction"),
}
REPORT_REASONS = {
    "spam": _l("Spam"),
    "offensive": _l("Offensive"),
    "off_topic": _l("Off-topic"),
    "illegal": _l("Illegal"),
    "other": _l("Other"),
}
REPORT_RESOLUTIONS = {
    "dismissed": _l("Dismissed"),
    "hidden": _l("Hidden"),
    "deleted": _l("Deleted"),
    "warned": _l("Author warned"),
    "suspended": _l("Author suspended"),
}
MODERATION_ACTIONS = {
    "auto_hide": _l("Hidden automatically after reports"),
    "dismiss": _l("Reports dismissed"),
    "hide": _l("Hidden"),
    "unhide": _l("Restored"),
    "delete": _l("Deleted"),
    "warn": _l("Warned"),
    "suspend": _l("Suspended"),
    "unsuspend": _l("Suspension lifted"),
    "lock": _l("Thread locked"),
    "unlock": _l("Thread unlocked"),
    "pin": _l("Pinned"),
    "unpin": _l("Unpinned"),
    "feature": _l("Featured"),
    "unfeature": _l("No longer featured"),
    "move": _l("Moved to another project"),
    "retag": _l("Tags and sectors edited"),
    "grant_role": _l("Role granted"),
    "revoke_role": _l("Role revoked"),
    "decision": _l("Decision of the data cooperative"),
}
# What the moderation log can name: reportable targets and the data cooperative's proposals.
MODERATION_TARGETS = {**REPORT_TARGETS, "proposal": _l("Proposal")}

# The data cooperative (innovex.governance) ------------------------------------------------------------------
TEXT_KINDS = {"charter": _l("Data charter"), "moderation_rules": _l("Moderation rules")}
PROPOSAL_KINDS = {
    "taxonomy": _l("Taxonomy"),
    "text": _l("Charter or rules text"),
    "setting": _l("Network setting"),
    "moderator": _l("Moderator election or recall"),
    "election": _l("Moderator election among candidates"),
    "licence": _l("Licence of the open data"),
}
PROPOSAL_STATES = {"open": _l("Open"), "passed": _l("Passed"), "rejected": _l("Rejected")}
VOTE_CHOICES = {"yes": _l("Yes"), "no": _l("No"), "abstain": _l("Abstain")}
IMPULSE_KINDS = {"announcement": _l("Announcement"), "call": _l("Call for collaboration")}


def update_name(version: int | None) -> str:
    """The one name of a project update wherever it appears (flash, page, thread, notices): "Update 2"."""
    return gettext("Update %(version)s", version=version if version is not None else "?")


# How a profile's point was found: picked by its owner or imported with the record ("exact"), geocoded from
# the street address ("address"), or the centre of its city ("city": shown as approximate).
LOCATION_PRECISIONS = {
    "exact": _l("Exact (picked on the map or imported)"),
    "address": _l("From the address"),
    "city": _l("Approximate (city centre)"),
}
APPROXIMATE_PRECISIONS = ("city",)

# Through what a profile revision came about (innovex.history).
REVISION_SOURCES = {
    "form": _l("Profile form"),
    "import": _l("Import"),
    "api": _l("API"),
    "moderator": _l("Moderator"),
    "cli": _l("Command line or migration"),
    "suggestion": _l("Suggested correction"),
    "restore": _l("Restore"),
    "vote": _l("Decision of the data cooperative"),
}

SUGGESTION_STATES = {"open": _l("Open"), "accepted": _l("Accepted"), "declined": _l("Declined")}
