"""The labelled relevance set (bench/relevance/) stays usable: every query and project names a known
need, both languages are there, every need has answers in its source, and the measures are right."""

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import shared_data

BENCH = Path(__file__).resolve().parents[2] / "bench" / "relevance.py"


@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("relevance_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_set_is_large_enough_and_bilingual(harness):
    needs, queries, projects = harness.load_labels()
    assert len(queries) >= 40 and len(projects) >= 20
    assert {q["lang"] for q in queries} == {"de", "en"}
    assert all(needs[q["need"]]["corpus"] in harness.CORPORA for q in queries)
    for project in projects:
        assert project["needs"] and len({needs[n]["corpus"] for n in project["answers"]}) == 1


@pytest.mark.parametrize("corpus", ["susy", "youth"])
def test_every_need_has_answers_in_its_source(harness, corpus):
    source = harness.CORPORA[corpus]
    records = source.records(shared_data(*source.path.relative_to(harness.DATA.parent).parts))
    needs, _, _ = harness.load_labels()
    for name, need in needs.items():
        if need["corpus"] == corpus:
            graded = harness.grades(need, records)
            assert any(grade == 2 for grade in graded.values()), name


def test_the_measures(harness):
    relevant = {"a": 2, "b": 1, "c": 2}
    perfect = harness.score(["a", "c", "b", "x"], relevant)
    assert perfect.ndcg == pytest.approx(1.0) and perfect.recall == 1.0 and perfect.rr == 1.0
    late = harness.score(["x", "y", "b"], relevant)
    assert 0 < late.ndcg < 0.5 and late.recall == pytest.approx(1 / 3) and late.rr == pytest.approx(1 / 3)
    assert harness.score(["x"], relevant).ndcg == 0.0
    many = {str(n): 1 for n in range(50)}
    assert harness.score([str(n) for n in range(5)], many).recall == 1.0  # out of at most five
