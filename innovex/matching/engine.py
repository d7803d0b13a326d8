"""Partner suggestions for a project: text relevance from the index combined with structured fit (sectors,
distance, kind, collaboration form, freshness), each suggestion with its reasons in plain words."""

from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from innovex import permissions, search
from innovex.extensions import db
from innovex.geo import distance_km
from innovex.models import Actor, DismissedSuggestion, Offering, Project, Solution, solution_builders
from innovex.models.base import utcnow
from innovex.text import plain_excerpt

IMPLEMENTATION = "implementation"
CANDIDATE_HITS = 200  # organisations taken from the index per project, before filters and structured fit
_matcher = search.Matcher("profiles")


@dataclass
class Suggestion:
    actor: Actor
    score: float
    distance: float | None = None
    offering: Offering | None = None
    offering_title: Markup = Markup("")
    offering_text: Markup = Markup("")
    matched: dict[str, list[str]] = field(default_factory=dict)  # field label -> the project's words
    reasons: list[str] = field(default_factory=list)
    solution: Solution | None = None  # a solution it built that answers one of the project's needs


@dataclass
class _Candidate:
    actor_id: int
    text: float = 0.0


def project_sources(project: Project) -> list[search.Source]:
    """What the project looks for, strongest first: needed competencies, tags, title, summary, body terms."""
    sources = [search.Source("need", t.name, 3.0) for t in project.competencies]
    sources += [search.Source("tag", t.name, 2.0) for t in project.tags]
    sources += [search.Source("title", project.title, 1.5), search.Source("summary", project.summary, 1.0)]
    sources += [
        search.Source("body", term, 1.0) for term in search.key_terms(plain_excerpt(project.body, 5000))
    ]
    return sources


def _candidates(project: Project) -> tuple[search.Plan, list[_Candidate]]:
    """Organisations whose offers or profile fit the project's text, best first. Cached per project until
    the project, one of the found organisations, or something that fits the query changes."""
    key = (project.id, _fingerprint(project))
    plan, matches = _matcher.top(key, project_sources(project), CANDIDATE_HITS)
    ranked = [_Candidate(match.pk, match.score) for match in matches]
    return plan, ranked


def _fingerprint(project: Project) -> int:
    """What the project's query is made of (its tags and needs change without touching updated_at)."""
    return hash(
        (
            project.title,
            project.summary,
            project.body,
            tuple(sorted(t.name for t in project.tags)),
            tuple(sorted(t.name for t in project.competencies)),
        )
    )


def suggestions_for(
    project: Project,
    viewer,
    *,
    max_distance: float | None = None,
    kind: str | None = None,
    country: str | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """Ranked partner suggestions for a project, without its own organisations, dismissed ones, or ones the
    viewer may not see; filters narrow them by distance, kind and country."""
    own = {a.id for a in project.owning_actors}
    dismissed = set(
        db.session.scalars(
            sa.select(DismissedSuggestion.actor_id).where(DismissedSuggestion.project_id == project.id)
        )
    )
    plan, ranked = _candidates(project)
    pool = [c for c in ranked if c.actor_id not in own | dismissed]
    pool = pool[: current_app.config["MATCH_CANDIDATES"]]
    actors = _visible_actors([c.actor_id for c in pool], viewer)
    top = pool[0].text if pool else 1.0
    scored = []
    for candidate in pool:
        actor = actors.get(candidate.actor_id)
        if actor is None or (kind and actor.kind != kind) or (country and actor.country != country):
            continue
        suggestion = _suggest(project, actor, candidate, top)
        if max_distance is not None and (suggestion.distance is None or suggestion.distance > max_distance):
            continue
        scored.append(suggestion)
    scored.sort(key=lambda suggestion: -suggestion.score)
    chosen = scored[:limit]
    offers = _best_offers([s.actor for s in chosen], plan)
    labels = _field_labels()
    built = _built_solutions([s.actor for s in chosen], viewer)
    for suggestion in chosen:  # explanations only for what is shown: they cost more than ranking
        _explain_text(suggestion, offers.get(suggestion.actor.id), plan, labels)
        _solution_reason(suggestion, built.get(suggestion.actor.id, []), plan)
    return chosen


def _built_solutions(actors: list[Actor], viewer) -> dict[int, list[Solution]]:
    """Per organisation, the solutions of the library it built that the viewer may see."""
    if not actors:
        return {}
    statement = (
        sa.select(solution_builders.c.actor_id, Solution)
        .join(solution_builders, solution_builders.c.solution_id == Solution.id)
        .where(
            solution_builders.c.actor_id.in_([a.id for a in actors]),
            Solution.hidden_at.is_(None),
            permissions.visible_solutions_filter(viewer),
        )
        .options(selectinload(Solution.blocks))
        .order_by(Solution.published_at.desc())
    )
    built: dict[int, list[Solution]] = {}
    for actor_id, solution in db.session.execute(statement):
        built.setdefault(actor_id, []).append(solution)
    return built


def _solution_reason(suggestion: Suggestion, solutions: list[Solution], plan: search.Plan) -> None:
    """ "Built a solution for this need": a solution of the organisation that answers one of the project's
    needs or tags in full, in the solution's own words (title, summary, building blocks)."""
    wanted = _wanted(plan)
    for solution in solutions:
        texts = [solution.title, solution.summary, *(f"{b.name} {b.description}" for b in solution.blocks)]
        answered = [s.text for s in wanted if search.coverage(plan, s, texts)[0] == "full"]
        if answered:
            suggestion.reasons.insert(
                0,
                _(
                    "built a solution for this need: “%(solution)s” (%(need)s)",
                    solution=solution.title,
                    need=", ".join(answered[:3]),
                ),
            )
            suggestion.solution = solution
            return


def _best_offers(actors: list[Actor], plan: search.Plan) -> dict[int, Offering]:
    """Per organisation, its live public offer that fits the plan best (the one the explanation shows)."""
    ids = [a.id for a in actors if search.offerings_public(a)]
    if not ids:
        return {}
    statement = (
        sa.select(Offering)
        .where(Offering.actor_id.in_(ids), Offering.kind == "offer")
        .options(selectinload(Offering.tags))
    )
    best: dict[int, tuple[float, Offering]] = {}
    for offering in db.session.scalars(statement):
        if offering.is_expired:
            continue
        tags = " ".join(t.name for t in offering.tags)
        score = search.overlap(plan, f"{offering.title} {tags} {offering.description}")
        if score > 0 and score > best.get(offering.actor_id, (0.0, None))[0]:
            best[offering.actor_id] = (score, offering)
    return {actor_id: offering for actor_id, (_score, offering) in best.items()}


def _visible_actors(ids: list[int], viewer) -> dict[int, Actor]:
    if not ids:
        return {}
    statement = (
        sa.select(Actor)
        .where(Actor.id.in_(ids), Actor.listed, permissions.visible_actors_filter(viewer))
        .options(selectinload(Actor.sectors), selectinload(Actor.collaboration))
    )
    return {actor.id: actor for actor in db.session.scalars(statement)}


def _suggest(project: Project, actor: Actor, candidate: _Candidate, top: float) -> Suggestion:
    """A suggestion scored by text relevance and structured fit, with the structured reasons."""
    suggestion = Suggestion(actor, 0.6 * candidate.text / (top or 1.0))
    origin = project.actor
    if None not in (actor.lat, origin.lat):
        suggestion.distance = distance_km(origin.lat, origin.lon, actor.lat, actor.lon)
        suggestion.score += 0.2 * max(0.0, 1 - suggestion.distance / 300)
        suggestion.reasons.append(_("%(km)s km away", km=round(suggestion.distance)))
    wanted = project.sectors or origin.sectors
    shared = [s for s in actor.sectors if s in wanted]
    if shared:
        suggestion.score += min(0.2, 0.1 * len(shared))
        suggestion.reasons.append(_("same sector: %(sectors)s", sectors=", ".join(s.label for s in shared)))
    if any(form.slug == IMPLEMENTATION for form in actor.collaboration):
        suggestion.score += 0.1
        suggestion.reasons.append(_("open to implementation partnerships"))
    if actor.kind == origin.kind:
        suggestion.score += 0.03
    _freshness(suggestion, actor)
    return suggestion


def _explain_text(suggestion: Suggestion, offering: Offering | None, plan: search.Plan, labels: dict) -> None:
    """Why the organisation fits, in its own words: which of the project's needs and tags its offer or
    profile answers, fully or in part; the words of its texts that matched; its best offer highlighted.
    Never the project's own sentences, and a compound's head alone is said as partial."""
    actor = suggestion.actor
    texts = {
        "title": actor.name,
        "body": (actor.description or "")[:5000],
        "topics": " ".join(f"{s.label_de} {s.label_en}" for s in actor.sectors),
    }
    if offering is not None:
        tags = " ".join(t.name for t in offering.tags)
        texts = {"offers": f"{offering.title} {offering.description}", "tags": tags, **texts}
        offer_matched, _sources = search.explain(
            plan, {"offers": texts["offers"], "tags": tags, "grams": f"{offering.title} {tags}"}
        )
        terms = {t for name, found in offer_matched.items() if name != "grams" for t in found}
        grams = offer_matched.get("grams", set())
        suggestion.offering = offering
        suggestion.offering_title = search.highlight(offering.title, terms, grams)
        suggestion.offering_text = search.snippet(offering.description, terms, grams)
    matched = {}
    for name, text in texts.items():
        words = list(dict.fromkeys(_quoted(m) for m in search.matched_words(plan, text)))
        if words:
            matched[labels.get(name, name)] = words
    suggestion.matched = matched

    full, partial = [], []
    for source in _wanted(plan):
        extent, found = search.coverage(plan, source, texts.values())
        if extent == "full":
            full.append(source)
        elif extent == "partial":
            partial.append((source, found))
    reasons = []
    needs = [s for s in _wanted(plan) if s.kind == "need"]
    covered = [s.text for s in full if s.kind == "need"]
    if needs and covered:
        reasons.append(
            _(
                "covers %(count)s of %(total)s needs: %(needs)s",
                count=len(covered),
                total=len(needs),
                needs=", ".join(covered),
            )
        )
    answered = "”, “".join(s.text for s in full[:3])
    if offering is not None:
        if answered:
            reasons.append(
                _("offers “%(offer)s” – matches your need “%(need)s”", offer=offering.title, need=answered)
            )
        else:
            reasons.append(_("offers “%(offer)s”", offer=offering.title))
    elif answered:
        reasons.append(_("profile mentions “%(words)s”", words=answered))
    for source, found in partial[:2]:
        reasons.append(
            _(
                "partly fits “%(need)s”: %(words)s",
                need=source.text,
                words=", ".join(_quoted(m) for m in found[:3]),
            )
        )
    suggestion.reasons[:0] = reasons


def _wanted(plan: search.Plan) -> list[search.Source]:
    """The project's needs and tags behind a plan, strongest first."""
    sources = {id(s): s for found in plan.origin.values() for s in found if s.kind in ("need", "tag")}
    return sorted(sources.values(), key=lambda s: (-s.weight, s.text))


def _quoted(match: search.WordMatch) -> str:
    if match.part is None:
        return f"“{match.word}”"
    return _("“%(part)s” in “%(word)s”", part=match.part, word=match.word)


def _field_labels() -> dict[str, str]:
    return {
        "offers": _("Offerings"),
        "tags": _("Tags"),
        "title": _("Name or title"),
        "body": _("Description"),
        "topics": _("Sectors"),
        "grams": _("Word parts"),
    }


def _freshness(suggestion: Suggestion, actor: Actor) -> None:
    checked = actor.confirmed_at  # an owner's confirmation or edit; an import's time says nothing
    if checked is None:
        return
    age = utcnow() - checked
    if age < timedelta(days=180):
        suggestion.score += 0.05
        suggestion.reasons.append(_("profile up to date"))
    elif age > timedelta(days=730):
        suggestion.score -= 0.05
        suggestion.reasons.append(_("profile not confirmed for over two years"))
