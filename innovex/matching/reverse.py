"""The reverse direction: open projects that need what an organisation offers."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions, search
from innovex.extensions import db
from innovex.models import Actor, Project, ProjectCoOwner
from innovex.visibility import field_visible

CANDIDATE_HITS = 100
_matcher = search.Matcher("open_projects")


@dataclass
class ProjectFit:
    project: Project
    score: float
    reasons: list[str] = field(default_factory=list)


def actor_sources(actor: Actor) -> list[search.Source]:
    """What an organisation offers: titles and tags of its live offers, their texts more weakly."""
    sources: list[search.Source] = []
    for offering in actor.offerings:
        if offering.kind != "offer" or offering.is_expired:
            continue
        sources.append(search.Source("offer", offering.title, 2.0))
        sources += [search.Source("tag", tag.name, 1.5) for tag in offering.tags]
        if offering.description:
            sources.append(search.Source("offer_text", offering.description[:2000], 0.4))
    return sources


def projects_for_actor(actor: Actor, viewer, limit: int = 5) -> list[ProjectFit]:
    """Open projects the viewer may see, not the organisation's own, that fit its offers, best first."""
    if not field_visible(actor, "offerings", viewer):
        return []  # the reasons would quote offers this viewer may not see
    sources = actor_sources(actor)
    if not sources:
        return []
    plan, matches = _matches(actor, sources)
    coowned = sa.select(ProjectCoOwner.project_id).where(ProjectCoOwner.actor_id == actor.id)
    allowed = {
        project.id: project
        for project in db.session.scalars(
            sa.select(Project).where(
                Project.id.in_([project_id for project_id, _score in matches]),
                Project.status == "open",
                Project.actor_id != actor.id,
                Project.id.not_in(coowned),
                permissions.visible_projects_filter(viewer),
            )
        )
    }
    fits = []
    for project_id, score in matches:
        project = allowed.get(project_id)
        if project is not None:
            fits.append(ProjectFit(project, score, _reasons(project, plan)))
        if len(fits) == limit:
            break
    return fits


def _matches(actor: Actor, sources: list[search.Source]) -> tuple[search.Plan, list[tuple[int, float]]]:
    """Open projects fitting the sources, best first; cached per organisation and offers until a found
    project, or something that fits the query, changes in the index."""
    key = (actor.id, hash(tuple((s.kind, s.text, s.weight) for s in sources)))
    plan, found = _matcher.top(key, sources, CANDIDATE_HITS)
    matches = [(m.pk, m.score) for m in found]
    return plan, matches


def _reasons(project: Project, plan: search.Plan) -> list[str]:
    texts = {
        "competencies": " ".join(c.name for c in project.competencies),
        "tags": " ".join(t.name for t in project.tags),
        "title": project.title,
        "summary": project.summary,
    }
    matched, sources = search.explain(plan, texts)
    offers = list(dict.fromkeys(s.text for f in sources.values() for s in f if s.kind in ("offer", "tag")))
    needs = [
        c.name
        for c in project.competencies
        if search.analysed_terms(c.name) & matched.get("competencies", set())
    ]
    if needs and offers:
        return [_("needs “%(need)s” – you offer “%(offer)s”", need="”, “".join(needs[:3]), offer=offers[0])]
    if offers:
        return [_("fits your offer “%(offer)s”", offer=offers[0])]
    return []
