"""A hit of either engine, and keeping only the hits the viewer may see, by the same rules as the pages
(checked against the database, whatever the index holds)."""

from dataclasses import dataclass

import sqlalchemy as sa

from innovex import permissions
from innovex.extensions import db
from innovex.models import Actor, Offering, Project, Solution


@dataclass
class Hit:
    """A found document: type, id, score and stored fields (owner, actor_kind, country, stage, sectors)."""

    type: str
    pk: int
    score: float
    fields: dict


def visible_ids(doc_type: str, ids: list[int], viewer) -> set[int]:
    """The ids among these that the viewer may see, by the same rules as the pages."""
    if not ids:
        return set()
    if doc_type == "actor":
        statement = sa.select(Actor.id).where(Actor.id.in_(ids), permissions.visible_actors_filter(viewer))
    elif doc_type == "project":
        statement = sa.select(Project.id).where(
            Project.id.in_(ids), permissions.visible_projects_filter(viewer)
        )
    elif doc_type == "solution":
        statement = sa.select(Solution.id).where(
            Solution.id.in_(ids), Solution.hidden_at.is_(None), permissions.visible_solutions_filter(viewer)
        )
    else:
        statement = (
            sa.select(Offering.id)
            .join(Actor, Offering.actor_id == Actor.id)
            .where(
                Offering.id.in_(ids),
                permissions.visible_actors_filter(viewer),
                Offering.current,
            )
        )
    return set(db.session.scalars(statement))


def filter_visible(hits: list[Hit], viewer) -> list[Hit]:
    allowed = {
        doc_type: visible_ids(doc_type, [h.pk for h in hits if h.type == doc_type], viewer)
        for doc_type in ("actor", "offering", "project", "solution")
    }
    return [h for h in hits if h.pk in allowed[h.type]]


def visible_owners(hits: list[Hit], viewer, limit: int) -> list[int]:
    """The organisations behind hits on their profiles or offerings, each ranked by its best hit, that the
    viewer may see: the directory's text filter on either engine."""
    best: dict[int, float] = {}
    for hit in hits:
        owner = int(hit.fields["owner"])
        best[owner] = max(best.get(owner, 0.0), hit.score)
    ranked = sorted(best, key=lambda a: -best[a])
    allowed = visible_ids("actor", ranked, viewer)
    return [a for a in ranked if a in allowed][:limit]
