"""All models, imported here so that Alembic and the app see every table."""

from innovex.models.actors import (
    Actor,
    Invitation,
    Membership,
    MembershipRequest,
    Offering,
    actor_collaboration,
    actor_sectors,
    offering_tags,
)
from innovex.models.feedback import Feedback, FeedbackRevision, HelpfulMark
from innovex.models.notifications import Notification
from innovex.models.projects import Follow, Project, ProjectCoOwner, ProjectSeeking, ProjectUpdate
from innovex.models.taxonomy import CollaborationForm, Sector, Tag
from innovex.models.users import INDEFINITELY, User

__all__ = [
    "INDEFINITELY",
    "Actor",
    "CollaborationForm",
    "Feedback",
    "FeedbackRevision",
    "Follow",
    "HelpfulMark",
    "Invitation",
    "Membership",
    "MembershipRequest",
    "Notification",
    "Offering",
    "Project",
    "ProjectCoOwner",
    "ProjectSeeking",
    "ProjectUpdate",
    "Sector",
    "Tag",
    "User",
    "actor_collaboration",
    "actor_sectors",
    "offering_tags",
]
