"""Turning database rows into index documents; a row that no one should find yields None (removed)."""

from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from innovex.models import Actor, Offering, Project, Solution
from innovex.visibility import level_of

INDEXED_PROJECT_VISIBILITY = ("public", "network")


def doc_key(doc_type: str, pk: int) -> str:
    return f"{doc_type}:{pk}"


def _join(*parts: Iterable[str] | str | None) -> str:
    out: list[str] = []
    for part in parts:
        if part is None:
            continue
        out.extend([part] if isinstance(part, str) else [p for p in part if p])
    return "\n".join(out)


def _labels(items) -> list[str]:
    return [label for item in items for label in (item.label_de, item.label_en)]


def _stamp(*moments) -> int:
    return int(max(m for m in moments if m is not None).timestamp())


def offerings_public(actor: Actor) -> bool:
    """The index serves every visitor, so it holds an organisation's offerings only where they are public."""
    return level_of(actor, "offerings") == "public"


def offering_is_live(offering: Offering) -> bool:
    actor = offering.actor
    return actor.listed and not offering.is_expired and offerings_public(actor)


def actor_document(actor: Actor) -> dict | None:
    if actor.status != "active":
        return None
    live = [o for o in actor.offerings if not o.is_expired] if offerings_public(actor) else []
    tags = sorted({t.name for o in live for t in o.tags})
    offers = [_join(o.title, [t.name for t in o.tags], o.description) for o in live if o.kind == "offer"]
    needs = [_join(o.title, o.description) for o in live if o.kind == "need"]
    topics = _join(_labels(actor.sectors), _labels(actor.collaboration))
    place = _join(
        actor.city, actor.postcode if level_of(actor, "location") == "public" else None, actor.country
    )
    # Vocabulary keys, not labels: a document must not depend on the language of the indexing request.
    misc = _join(actor.kind.replace("_", " "), actor.legal_form)
    return {
        "key": doc_key("actor", actor.id),
        "type": "actor",
        "pk": actor.id,
        "owner": str(actor.id),
        "title": actor.name,
        "tags": _join(tags),
        "text": _join(actor.name, tags, offers, needs, actor.description, topics, place, misc),
        "grams": _join(actor.name, tags, [o.title for o in live]),
        "offers": _join(offers),
        "profile": _join(actor.name, actor.description, topics),
        "spell": _join(actor.name, tags, [o.title for o in live], _labels(actor.sectors), actor.city),
        "kind": actor.kind,
        "actor_kind": actor.kind,
        "country": actor.country or "",
        "audience": "public",
        "sectors": ",".join(s.slug for s in actor.sectors),
        "updated": _stamp(actor.updated_at, *(o.updated_at for o in actor.offerings)),
    }


def offering_document(offering: Offering) -> dict | None:
    if not offering_is_live(offering):
        return None
    actor = offering.actor
    tags = [t.name for t in offering.tags]
    return {
        "key": doc_key("offering", offering.id),
        "type": "offering",
        "pk": offering.id,
        "owner": str(actor.id),
        "title": offering.title,
        "tags": _join(tags),
        "text": _join(
            offering.title, tags, offering.description, _labels(actor.sectors), actor.city, actor.country
        ),
        "grams": _join(offering.title, tags),
        "spell": _join(offering.title, tags),
        "kind": offering.kind,
        "actor_kind": actor.kind,
        "country": actor.country or "",
        "audience": "public",
        "sectors": ",".join(s.slug for s in actor.sectors),
        "updated": _stamp(offering.updated_at),
    }


def project_document(project: Project) -> dict | None:
    if project.visibility not in INDEXED_PROJECT_VISIBILITY or project.hidden_at is not None:
        return None  # hidden by moderation: out of the index (and its spelling words) until restored
    tags = [t.name for t in project.tags]
    needs = [t.name for t in project.competencies]
    topics = _labels(project.sectors)
    return {
        "key": doc_key("project", project.id),
        "type": "project",
        "pk": project.id,
        "owner": str(project.actor_id),
        "title": project.title,
        "tags": _join(tags, needs),
        "text": _join(
            project.title,
            tags,
            needs,
            project.summary,
            project.body,
            topics,
            project.region,
            project.actor.city,
            project.actor.country,
        ),
        "grams": _join(project.title, tags, needs),
        "needs": _join(needs, tags),
        "project": _join(project.title, project.summary, project.body, topics),
        # "Did you mean" draws on every document's words and is shown to everyone: public projects only.
        "spell": _join(project.title, tags, needs, topics) if project.visibility == "public" else "",
        "kind": "project",
        "actor_kind": project.actor.kind,
        "country": project.actor.country or "",
        "stage": project.stage,
        "status": project.status,
        "audience": project.visibility,
        "sectors": ",".join(s.slug for s in project.sectors),
        "updated": _stamp(project.updated_at),
    }


def solution_is_findable(solution: Solution) -> bool:
    """A solution is found where its project is (public or network members), unless either is hidden."""
    project = solution.project
    return (
        solution.hidden_at is None
        and project.hidden_at is None
        and project.visibility in INDEXED_PROJECT_VISIBILITY
    )


def solution_document(solution: Solution) -> dict | None:
    if not solution_is_findable(solution):
        return None
    project = solution.project
    blocks = [b.name for b in solution.blocks]
    builders = [a.name for a in solution.builders]
    tags = [t.name for t in project.tags]
    topics = _labels(project.sectors)
    return {
        "key": doc_key("solution", solution.id),
        "type": "solution",
        "pk": solution.id,
        "owner": str(project.actor_id),
        "title": solution.title,
        "tags": _join(tags, blocks),
        "text": _join(
            solution.title,
            blocks,
            [b.description for b in solution.blocks],
            tags,
            solution.summary,
            solution.body,
            solution.requirements,
            builders,
            topics,
            project.title,
        ),
        "grams": _join(solution.title, blocks, tags),
        "spell": _join(solution.title, blocks, tags) if project.visibility == "public" else "",
        "kind": "solution",
        "actor_kind": project.actor.kind,
        "country": project.actor.country or "",
        "audience": project.visibility,
        "sectors": ",".join(s.slug for s in project.sectors),
        "updated": _stamp(solution.updated_at, project.updated_at),
    }


BUILDERS = {
    "actor": actor_document,
    "offering": offering_document,
    "project": project_document,
    "solution": solution_document,
}


def _statement(doc_type: str) -> sa.Select:
    if doc_type == "actor":
        return sa.select(Actor).options(
            selectinload(Actor.offerings).selectinload(Offering.tags),
            selectinload(Actor.sectors),
            selectinload(Actor.collaboration),
        )
    if doc_type == "offering":
        return sa.select(Offering).options(
            selectinload(Offering.tags), selectinload(Offering.actor).selectinload(Actor.sectors)
        )
    if doc_type == "solution":
        return sa.select(Solution).options(
            selectinload(Solution.blocks),
            selectinload(Solution.builders),
            selectinload(Solution.project).selectinload(Project.tags),
            selectinload(Solution.project).selectinload(Project.sectors),
            selectinload(Solution.project).selectinload(Project.actor),
        )
    return sa.select(Project).options(
        selectinload(Project.tags),
        selectinload(Project.competencies),
        selectinload(Project.sectors),
        selectinload(Project.actor),
    )


def _model(doc_type: str):
    return {"actor": Actor, "offering": Offering, "project": Project, "solution": Solution}[doc_type]


def load_rows(session: Session, doc_type: str, ids: Iterable[int]) -> Iterator[tuple[object, dict | None]]:
    """Each of these rows that still exists, with its document (None when it must not be findable)."""
    ids = sorted(set(ids))
    model = _model(doc_type)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.scalars(_statement(doc_type).where(model.id.in_(chunk))):
            yield row, BUILDERS[doc_type](row)


def load_documents(session: Session, doc_type: str, ids: Iterable[int]) -> dict[int, dict | None]:
    """The documents for some rows, by id; None for rows that are gone or must not be findable."""
    ids = sorted(set(ids))
    found: dict[int, dict | None] = dict.fromkeys(ids)
    for row, document in load_rows(session, doc_type, ids):
        found[row.id] = document
    return found


def iter_all_rows(session: Session, doc_type: str, batch: int = 500) -> Iterator[list[tuple[object, dict]]]:
    """Every findable row of a type with its document, in batches (for rebuilds); the session is emptied
    after each batch."""
    model = _model(doc_type)
    last = 0
    while True:
        rows = session.scalars(
            _statement(doc_type).where(model.id > last).order_by(model.id).limit(batch)
        ).all()
        if not rows:
            return
        found = [(row, document) for row in rows if (document := BUILDERS[doc_type](row)) is not None]
        if found:
            yield found
        last = rows[-1].id
        session.expunge_all()


def iter_all_documents(session: Session, doc_type: str, batch: int = 500) -> Iterator[dict]:
    """Every findable document of a type, loaded in batches (for rebuilds)."""
    for found in iter_all_rows(session, doc_type, batch):
        for _row, document in found:
            yield document


def expected_versions(session: Session) -> dict[str, int]:
    """key -> updated stamp of every row that should be in the index (for `search check`)."""
    expected: dict[str, int] = {}
    newest = sa.select(Offering.actor_id, sa.func.max(Offering.updated_at)).group_by(Offering.actor_id)
    newest_offering = dict(session.execute(newest).all())
    for actor_id, updated in session.execute(sa.select(Actor.id, Actor.updated_at).where(Actor.listed)):
        expected[doc_key("actor", actor_id)] = _stamp(updated, newest_offering.get(actor_id))
    live_offerings = (
        sa.select(Offering.id, Offering.updated_at, Actor).join(Actor).where(Actor.listed, Offering.current)
    )
    for offering_id, updated, actor in session.execute(live_offerings):
        if offerings_public(actor):
            expected[doc_key("offering", offering_id)] = _stamp(updated)
    projects = sa.select(Project.id, Project.updated_at).where(
        Project.visibility.in_(INDEXED_PROJECT_VISIBILITY), Project.hidden_at.is_(None)
    )
    for project_id, updated in session.execute(projects):
        expected[doc_key("project", project_id)] = _stamp(updated)
    solutions = (
        sa.select(Solution.id, Solution.updated_at, Project.updated_at)
        .join(Project, Solution.project_id == Project.id)
        .where(
            Solution.hidden_at.is_(None),
            Project.visibility.in_(INDEXED_PROJECT_VISIBILITY),
            Project.hidden_at.is_(None),
        )
    )
    for solution_id, updated, project_updated in session.execute(solutions):
        expected[doc_key("solution", solution_id)] = _stamp(updated, project_updated)
    return expected
