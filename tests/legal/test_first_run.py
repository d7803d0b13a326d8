"""A fresh `make run` reads as what it is: a first index build logged as news, a quiet pip install."""

import logging
import re
import shutil
from pathlib import Path

import pytest

from innovex.search import maintenance
from innovex.search.cli import make_searchable
from innovex.search.outbox import index_root
from innovex.search.whoosh import store
from tests.factories import make_actor

pytestmark = pytest.mark.whoosh  # the first build of a Whoosh index (see tests/conftest.py)
ROOT = Path(__file__).resolve().parents[2]


def first_heal_message(app, caplog) -> logging.LogRecord:
    """What ensure_index logs first about the index it finds."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="innovex"):
        maintenance.ensure_index(app, background=False)
    [first, *_] = [r for r in caplog.records if r.name == "innovex.search.maintenance"]
    return first


def test_a_fresh_installation_builds_the_index_with_an_info_line(app, db, caplog):
    make_actor("Erstgenossenschaft")
    shutil.rmtree(index_root(), ignore_errors=True)
    assert store.never_built(index_root())
    first = first_heal_message(app, caplog)
    assert first.levelno == logging.INFO
    assert "for the first time" in first.getMessage()
    assert "missing or unreadable" not in " ".join(r.getMessage() for r in caplog.records)
    assert store.is_healthy(index_root())


def test_a_lost_index_is_still_reported_as_an_error(app, db, caplog):
    make_actor("Zweitgenossenschaft")
    maintenance.rebuild()
    (index_root() / store.CURRENT).unlink()  # the pointer is gone, the index folders are still there
    assert not store.never_built(index_root())
    first = first_heal_message(app, caplog)
    assert first.levelno == logging.ERROR
    assert "missing or unreadable" in first.getMessage()


def test_seeding_a_fresh_installation_says_the_index_is_built_for_the_first_time(app, db):
    make_actor("Drittgenossenschaft")
    shutil.rmtree(index_root(), ignore_errors=True)
    lines = []
    make_searchable(lines.append)
    assert lines[0] == "search index: building it for the first time…"
    assert store.is_healthy(index_root())


def test_make_installs_quietly_without_the_version_check():
    makefile = (ROOT / "Makefile").read_text()
    pip = re.search(r"^PIP := (.+)$", makefile, re.MULTILINE).group(1)
    assert "--quiet --quiet" in pip  # errors only: no warning per package from the machine's index settings
    assert "--disable-pip-version-check" in pip
    installs = re.findall(r"^\t(.*pip.* install .*)$", makefile, re.MULTILINE | re.IGNORECASE)
    assert installs and all(line.startswith("$(PIP) install") for line in installs)
