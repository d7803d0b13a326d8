"""Helpers of the format importer tests: files, the import command, counts."""

import json

import sqlalchemy as sa

from innovex.models import Actor


def write_json(tmp_path, document, name="import.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def run_import(runner, path, *options):
    return runner.invoke(args=["actors", "import", str(path), *options])


def count(db, model=Actor):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def actor_named(db, name):
    db.session.expire_all()
    return db.session.scalar(sa.select(Actor).where(Actor.name == name))
