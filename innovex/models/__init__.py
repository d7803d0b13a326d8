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
from innovex.models.calls import Call, CallPhase, CallSubmission, CallSupport, call_sectors
from innovex.models.datacoop import Relation
from innovex.models.events import Event, event_sectors
from innovex.models.feedback import Feedback, FeedbackRevision, HelpfulMark
from innovex.models.governance import CoopMember, CoopText, NetworkSetting, Proposal, ProposalComment, Vote
from innovex.models.history import ProfileRevision, Suggestion
from innovex.models.matching import DismissedSuggestion, Interest
from innovex.models.moderation import Impulse, ModerationAction, Report, impulse_projects, impulse_sectors
from innovex.models.notifications import Notification
from innovex.models.projects import Follow, Project, ProjectCoOwner, ProjectSeeking, ProjectUpdate
from innovex.models.roadmap import RoadmapChange, RoadmapMilestone, RoadmapTheme
from innovex.models.search import SearchDocument, SearchIndexHolder, SearchOutbox
from innovex.models.solutions import (
    Solution,
    SolutionAdoption,
    SolutionBlock,
    SolutionLink,
    solution_builders,
)
from innovex.models.submissions import FormSubmission
from innovex.models.subscriptions import Subscription, subscription_sectors
from innovex.models.taxonomy import CollaborationForm, Sector, Tag
from innovex.models.users import INDEFINITELY, LoginSession, RecoveryCode, User
from innovex.models.versions import DataVersion

__all__ = [
    "INDEFINITELY",
    "Actor",
    "Call",
    "CallPhase",
    "CallSubmission",
    "CallSupport",
    "CollaborationForm",
    "CoopMember",
    "CoopText",
    "DataVersion",
    "DismissedSuggestion",
    "Event",
    "Feedback",
    "FeedbackRevision",
    "Follow",
    "FormSubmission",
    "HelpfulMark",
    "Impulse",
    "Interest",
    "Invitation",
    "LoginSession",
    "Membership",
    "MembershipRequest",
    "ModerationAction",
    "NetworkSetting",
    "Notification",
    "Offering",
    "ProfileRevision",
    "Project",
    "ProjectCoOwner",
    "ProjectSeeking",
    "ProjectUpdate",
    "Proposal",
    "ProposalComment",
    "RecoveryCode",
    "Relation",
    "Report",
    "RoadmapChange",
    "RoadmapMilestone",
    "RoadmapTheme",
    "SearchDocument",
    "SearchIndexHolder",
    "SearchOutbox",
    "Sector",
    "Solution",
    "SolutionAdoption",
    "SolutionBlock",
    "SolutionLink",
    "Subscription",
    "Suggestion",
    "Tag",
    "User",
    "Vote",
    "actor_collaboration",
    "actor_sectors",
    "call_sectors",
    "event_sectors",
    "impulse_projects",
    "impulse_sectors",
    "offering_tags",
    "solution_builders",
    "subscription_sectors",
]
