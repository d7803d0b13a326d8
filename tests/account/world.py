"""A member with one of every kind of row that can point at an account, and a second member around her."""

from types import SimpleNamespace

from innovex.extensions import db
from innovex.models import (
    Feedback,
    FeedbackRevision,
    HelpfulMark,
    Impulse,
    Interest,
    Invitation,
    MembershipRequest,
    ModerationAction,
    Notification,
    ProjectUpdate,
    Relation,
    Report,
)
from tests.factories import make_actor, make_user
from tests.project_factories import make_project


def build_world() -> SimpleNamespace:
    anna = make_user("anna@example.org", display_name="Anna Schmidt", handle="anna", locale="en")
    ben = make_user("ben@example.org", display_name="Ben Berg", handle="ben", locale="en")
    shared = make_actor("Gemeinsam eG", owner=ben, editors=[anna])
    bens = make_actor("Bens Kollektiv", owner=ben)
    other = make_actor("Andere eG", owner=ben)
    project = make_project(shared, anna, title="Annas Projekt")
    bens_project = make_project(bens, ben, title="Bens Projekt")
    update = ProjectUpdate(project=project, author=anna, version=1, title="Erste Fassung", changes="Neu")
    feedback = Feedback(
        project=bens_project,
        author=anna,
        kind="idea",
        body="Annas Idee, zweite Fassung",
        body_html="<p>Annas Idee, zweite Fassung</p>",
    )
    feedback.revisions = [FeedbackRevision(body="Annas Idee, erste Fassung")]
    bens_feedback = Feedback(
        project=project,
        author=ben,
        kind="question",
        body="Bens Frage",
        body_html="<p>Bens Frage</p>",
        helpful_count=1,
    )
    db.session.add_all([update, feedback, bens_feedback])
    db.session.flush()
    feedback.helpful_count = 1
    db.session.add_all(
        [
            HelpfulMark(user_id=anna.id, feedback_id=bens_feedback.id),
            HelpfulMark(user_id=ben.id, feedback_id=feedback.id),
            MembershipRequest(actor=bens, user=anna, kind="join", message="Darf ich?"),
            Invitation(
                actor=shared, email="carla@example.org", role="member", token="t-carla", invited_by=anna
            ),
            Invitation(actor=other, email="anna@example.org", role="editor", token="t-anna", invited_by=ben),
            Invitation(actor=other, email="dora@example.org", role="member", token="t-dora", invited_by=ben),
            Notification(user=anna, kind="reply", by_user=ben, project=project, feedback=bens_feedback),
            Notification(user=ben, kind="feedback", by_user=anna, project=bens_project, feedback=feedback),
            Interest(project=bens_project, actor=shared, user=anna, message="Wir helfen gern"),
            Relation(subject=shared, object=bens, kind="partner_of", proposed_by=anna),
            Report(
                reporter=anna,
                target_type="feedback",
                target_id=bens_feedback.id,
                target_user=ben,
                reason="spam",
                note="Annas Meldung",
            ),  # fmt: skip
            Report(
                reporter=ben,
                target_type="user",
                target_id=anna.id,
                target_user=anna,
                reason="other",
                note="Bens geheime Notiz über Anna",
            ),  # fmt: skip
            ModerationAction(
                action="warn",
                target_type="user",
                target_id=anna.id,
                target_user=anna,
                reason="Bitte freundlich bleiben",
                private_note="Moderatorennotiz über Anna",
            ),  # fmt: skip
            Impulse(author=anna, title="Annas Aufruf", body="Mitmachen!"),
        ]
    )
    db.session.commit()
    return SimpleNamespace(
        anna=anna, ben=ben, shared=shared, bens=bens, other=other, project=project, bens_project=bens_project,
        update=update, feedback=feedback, bens_feedback=bens_feedback,
    )  # fmt: skip
