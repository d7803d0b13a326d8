"""`flask match PROJECT_SLUG`: partner suggestions with their explanations."""

import json

import click
import sqlalchemy as sa

from innovex.extensions import db
from innovex.matching.engine import suggestions_for
from innovex.models import Project


@click.command("match")
@click.argument("slug")
@click.option("--limit", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def match_command(slug, limit, as_json):
    """Print partner suggestions for a project, as its owners see them."""
    project = db.session.scalar(sa.select(Project).where(Project.slug == slug))
    if project is None:
        raise click.ClickException(f"no project {slug!r}")
    suggestions = suggestions_for(project, _owner_view(), limit=limit)
    rows = [
        {
            "actor": s.actor.slug,
            "name": s.actor.name,
            "score": round(s.score, 3),
            "distance_km": None if s.distance is None else round(s.distance, 1),
            "offering": s.offering.title if s.offering else None,
            "matched": s.matched,
            "reasons": s.reasons,
        }
        for s in suggestions
    ]
    if as_json:
        click.echo(json.dumps({"project": slug, "suggestions": rows}, ensure_ascii=False))
        return
    for rank, row in enumerate(rows, 1):
        click.echo(f"{rank:3}. {row['score']:.3f}  {row['name']} ({row['actor']})")
        for reason in row["reasons"]:
            click.echo(f"       - {reason}")
    click.echo(f"{len(rows)} suggestions for {slug}")


def _owner_view():
    """The command runs for the operator: organisations visible to the public, nothing more."""
    return None
