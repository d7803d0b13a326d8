"""The shared rules that have a Python and a SQL side (Actor.listed, Offering.current) agree on every row."""

from datetime import timedelta

import sqlalchemy as sa

from innovex.models import Actor, Offering
from innovex.models.base import utcnow
from tests.factories import make_actor, make_offering


def test_listed_organisations_are_the_same_in_python_and_in_sql(app, db):
    make_actor(status="active")
    make_actor(status="hidden")
    in_sql = set(db.session.scalars(sa.select(Actor.id).where(Actor.listed)))
    in_python = {actor.id for actor in db.session.scalars(sa.select(Actor)) if actor.listed}
    assert in_sql == in_python and len(in_sql) == 1


def test_current_offerings_are_the_same_in_python_and_in_sql(app, db):
    actor = make_actor()
    today = utcnow().date()
    for expires in (None, today, today + timedelta(days=3), today - timedelta(days=1)):
        make_offering(actor, expires_at=expires)
    in_sql = set(db.session.scalars(sa.select(Offering.id).where(Offering.current)))
    in_python = {offering.id for offering in db.session.scalars(sa.select(Offering)) if offering.current}
    assert in_sql == in_python and len(in_sql) == 3
    assert all(offering.is_expired != offering.current for offering in actor.offerings)


def test_no_module_spells_out_the_rules_again():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "innovex"
    assert (root / "visibility.py").exists()  # the package itself, not a folder that happens to be there
    spelled = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "actors.py" or path.parent.name != "models"
        for text in [path.read_text(encoding="utf-8")]
        if 'status == "active"' in text or "expires_at >= " in text
    ]
    assert spelled == [], f"use Actor.listed / Offering.current instead: {spelled}"
