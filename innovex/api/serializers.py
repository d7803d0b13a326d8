"""Organisations, offerings and projects as JSON data, always built from visibility.visible_profile."""

from datetime import UTC, date, datetime

from flask import current_app, url_for

from innovex import licences, provenance, visibility
from innovex.datacoop.freshness import is_stale
from innovex.models import Actor, Offering, Project


def plain(value):
    """Dates as ISO 8601 text (times with their UTC offset, as RFC 3339 asks), everything else unchanged."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain_dict(v) if isinstance(v, dict) else plain(v) for v in value]
    return value


def plain_dict(data: dict) -> dict:
    return {key: plain(value) for key, value in data.items()}


def actor_json(actor: Actor, viewer) -> dict:
    """An organisation as the API shows it to this viewer: the visible profile plus links and freshness."""
    data = plain_dict(visibility.visible_profile(actor, viewer))
    data.update(licences.record_fields(actor))
    data["provenance"] = provenance_json(actor)
    data["stale"] = is_stale(actor)
    data["url"] = url_for("actors.detail", slug=actor.slug, _external=True)
    data["murmurations_url"] = url_for("api.murmurations_profile", slug=actor.slug, _external=True)
    return data


def provenance_json(actor: Actor) -> dict | None:
    """Where an imported record comes from, as its profile page says it (innovex.provenance)."""
    origin = provenance.of(actor)
    if not origin.imported:
        return None
    return {
        "source": origin.source_name,
        "url": origin.source_link,
        "license": origin.source_licence,
        "license_url": licences.url_of(origin.source_licence),
        "imported_at": plain(origin.imported_at),
    }


def offering_json(offering: Offering) -> dict:
    data = plain_dict(visibility.offering_data(offering))
    data["organisation"] = {
        "slug": offering.actor.slug,
        "name": offering.actor.name,
        "url": url_for("actors.detail", slug=offering.actor.slug, _external=True),
    }
    return data


def project_json(project: Project) -> dict:
    return {
        "slug": project.slug,
        "title": project.title,
        "summary": project.summary,
        "body": project.body,
        "stage": project.stage,
        "status": project.status,
        "seeking": project.seeking,
        "tags": [t.name for t in project.tags],
        "sectors": [s.slug for s in project.sectors],
        "organisation": {"slug": project.actor.slug, "name": project.actor.name},
        "created_at": plain(project.created_at),
        "url": url_for("projects.detail", slug=project.slug, _external=True),
    }


def license_info() -> dict:
    return {
        "license": licences.name_of(licences.default_licence()),
        "license_url": licences.network_url(),
        "attribution": current_app.config["DATA_ATTRIBUTION"],
    }
