"""Recording moderation actions: every action, manual or automatic, goes through `record`."""

from datetime import datetime

from innovex.extensions import db
from innovex.models import ModerationAction, User


def record(
    action: str,
    target_type: str,
    target_id: int,
    *,
    moderator: User | None,
    target_user_id: int | None = None,
    project_id: int | None = None,
    reason: str = "",
    private_note: str = "",
    until: datetime | None = None,
    detail: str = "",
) -> ModerationAction:
    """Add one log entry to the session; the caller commits it together with the change it describes."""
    entry = ModerationAction(
        action=action,
        target_type=target_type,
        target_id=target_id,
        moderator_id=moderator.id if moderator is not None else None,
        target_user_id=target_user_id,
        project_id=project_id,
        reason=reason.strip(),
        private_note=private_note.strip(),
        until=until,
        detail=detail[:200],
    )
    db.session.add(entry)
    db.session.flush()
    return entry
