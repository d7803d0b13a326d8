"""The moderation part of the demo: open reports, one item hidden automatically after three reports, a few
logged moderators' actions, a featured project and an impulse. Built from the models directly, like the rest
of the demo, so that it does not depend on the moderation services' checks and notifications."""

import random
from datetime import datetime, timedelta

import sqlalchemy as sa

from innovex import seed_data as data
from innovex.extensions import db
from innovex.models import Feedback, Impulse, Membership, Notification, Project, Report, Sector, User
from innovex.moderation.impulses import notify_interested
from innovex.moderation.log import record
from innovex.text import render_markdown


class ModerationSeeder:
    def __init__(self, rng: random.Random, now: datetime, users: list[User], moderator: User) -> None:
        self.rng, self.now, self.users, self.moderator = rng, now, users, moderator
        self.reports = 0

    def run(
        self, projects: list[Project], feedback: list[Feedback], demo_users: list[User]
    ) -> dict[str, int]:
        public = [p for p in projects if p.visibility == "public"]
        public_ids = {p.id for p in public}
        demo_ids = {u.id for u in demo_users}
        candidates = [
            f for f in feedback if f.depth == 0 and f.project_id in public_ids and f.author_id not in demo_ids
        ]
        hidden, first, second, pinned = self.rng.sample(candidates, 4)
        self.auto_hide(hidden, demo_users)
        for item, reports in zip((first, second), data.OPEN_REPORTS, strict=True):
            for reporter, (reason, note) in zip(
                self.reporters(item, demo_users, len(reports)), reports, strict=True
            ):
                self.report(item, reporter, reason, note, hours_ago=self.rng.randint(2, 30))
        featured = public[0]
        featured.featured = True
        self.log(
            "feature", "project", featured.id, project_id=featured.id, reason=data.FEATURE_REASON, days_ago=6
        )
        pinned.pinned_at = self.now - timedelta(days=4)
        self.log(
            "pin", "feedback", pinned.id, project_id=pinned.project_id, target_user_id=pinned.author_id,
            reason=data.PIN_REASON, days_ago=4,
        )  # fmt: skip
        warned = second.author
        self.log(
            "warn", "user", warned.id, target_user_id=warned.id, reason=data.WARN_REASON,
            private_note=data.WARN_NOTE, days_ago=2,
        )  # fmt: skip
        impulse = self.impulse([p for p in public if "mobility" in {s.slug for s in p.sectors}][:3])
        db.session.flush()
        return {"reports": self.reports, "impulse_notices": notify_interested(impulse)}

    def reporters(self, item: Feedback, exclude: list[User], count: int) -> list[User]:
        """Members who may count as reporters: not the author, not the project's own people."""
        insiders = set(
            db.session.scalars(
                sa.select(Membership.user_id).where(Membership.actor_id == item.project.actor_id)
            )
        )
        pool = [u for u in self.users if u.id != item.author_id and u.id not in insiders and u not in exclude]
        return self.rng.sample(pool, count)

    def report(self, item: Feedback, reporter: User, reason: str, note: str, hours_ago: int) -> None:
        db.session.add(
            Report(
                reporter_id=reporter.id,
                target_type="feedback",
                target_id=item.id,
                target_user_id=item.author_id,
                reason=reason,
                note=note,
                created_at=self.now - timedelta(hours=hours_ago),
            )
        )
        self.reports += 1

    def auto_hide(self, item: Feedback, demo_users: list[User]) -> None:
        """Three members report the item and it is hidden pending review, as the report service does."""
        reporters = self.reporters(item, demo_users, len(data.AUTO_HIDDEN_REPORTS))
        for hours_ago, (reporter, (reason, note)) in zip(
            (20, 12, 5), zip(reporters, data.AUTO_HIDDEN_REPORTS, strict=True), strict=True
        ):
            self.report(item, reporter, reason, note, hours_ago)
        item.hidden_at, item.hidden_by_id, item.hidden_reason = self.now - timedelta(hours=5), None, ""
        reasons = sorted({reason for reason, _note in data.AUTO_HIDDEN_REPORTS})
        entry = self.log(
            "auto_hide", "feedback", item.id, moderator=None, project_id=item.project_id,
            target_user_id=item.author_id, detail=",".join(reasons), days_ago=0, hours_ago=5,
        )  # fmt: skip
        db.session.add(
            Notification(
                user_id=item.author_id,
                kind="moderation",
                project_id=item.project_id,
                feedback_id=item.id,
                moderation_action=entry,
                created_at=entry.created_at,
            )
        )

    def log(self, action, target_type, target_id, *, days_ago, hours_ago=0, moderator=False, **fields):
        entry = record(
            action,
            target_type,
            target_id,
            moderator=self.moderator if moderator is False else moderator,
            **fields,
        )
        entry.created_at = self.now - timedelta(days=days_ago, hours=hours_ago)
        return entry

    def impulse(self, projects: list[Project]) -> Impulse:
        spec = data.IMPULSE
        impulse = Impulse(
            author=self.moderator,
            kind=spec["kind"],
            title=spec["title"],
            body=spec["body"],
            body_html=str(render_markdown(spec["body"])),
            deadline=(self.now + timedelta(days=spec["deadline_days"])).date(),
            created_at=self.now - timedelta(days=1),
        )
        impulse.projects = projects
        impulse.sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(spec["sectors"]))))
        db.session.add(impulse)
        db.session.flush()
        return impulse
