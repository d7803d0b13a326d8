"""The fast paths of the search: term-at-a-time scoring equals Whoosh's, snippets skip Markdown only where it
changes nothing, quoted phrases work in a schema without positions, and an index of an older schema is
rebuilt."""

import random

import pytest
from flask import current_app

from innovex.search import maintenance
from innovex.search.outbox import index_root
from innovex.search.results import plain_text
from innovex.search.whoosh import fastscore, store
from innovex.search.whoosh.query import parse, run
from innovex.text import plain_excerpt
from tests.factories import make_actor, make_offering
from tests.project_factories import make_project
from tests.search.search_helpers import drain

pytestmark = pytest.mark.whoosh  # Whoosh's own machinery (see tests/conftest.py)

WORDS = ["Lastenrad", "Logistik", "Genossenschaft", "Energie", "Solar", "Verleih", "Garten", "care"]


@pytest.fixture
def corpus(app, db):
    for n in range(40):
        chosen = random.Random(n).sample(WORDS, 4)
        actor = make_actor(
            f"{chosen[0]}{chosen[1].lower()} {n} eG", description=" ".join(chosen * (n % 3 + 1))
        )
        make_offering(actor, title=f"{chosen[2]}-{chosen[0]}", description=" ".join(reversed(chosen)))
        if n % 10 == 0:
            make_project(actor, title=f"{chosen[1]} im Kiez", summary=" ".join(chosen))
    drain()
    actor = make_actor("Nachzügler Lastenrad eG", description="Energie und Logistik")  # a second segment
    drain()
    actor.description = "Solar und Garten"  # a deletion in the first segment
    drain()


@pytest.mark.parametrize(
    "text",
    [
        "Lastenrad",
        "Lastenrad Logistik",
        "Energie Garten care",
        "Lastenradverleih",
        "Solar OR Garten",
        "Energiegenossenschaft",  # its parts and synonyms: a disjunction of conjunctions
        "cargo bike Logistik",
        '"Lastenrad Logistik"',  # a phrase is a conjunction per field (no positions): summed like Whoosh
    ],
)
def test_fast_scoring_ranks_like_whoosh(corpus, text):
    query = parse(text).query
    with store.searcher(index_root()) as searcher:
        fast = fastscore.top(searcher, query, 30)
        slow = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=30, optimize=False)]
    assert fast is not None and slow
    assert [d for d, _s in fast] == [d for d, _s in slow]
    assert all(abs(a - b) < 1e-9 * max(1.0, b) for (_d, a), (_e, b) in zip(fast, slow, strict=True))


def test_an_empty_index_scores_nothing(app, db):
    """An index without documents has an EmptyReader, which knows no deleted documents (this was a 500 on
    every organisation page of a fresh installation)."""
    drain()
    with store.searcher(index_root()) as searcher:
        assert fastscore.top(searcher, parse("Lastenrad Logistik").query, 10) == []


def test_fast_scoring_leaves_other_shapes_to_whoosh(corpus):
    with store.searcher(index_root()) as searcher:
        assert fastscore.top(searcher, parse("Lastenrad NOT Logistik").query, 10) is None


def test_quoted_words_must_all_occur(client, corpus):
    # No field stores positions (see schema.py): a phrase finds what has all of its words.
    phrase = {h.fields["key"] for h in run(parse('"Solar Garten"').query, 100)}
    words = {h.fields["key"] for h in run(parse("Solar Garten").query, 100)}
    assert phrase and phrase == words
    assert client.get("/search/", query_string={"q": '"Lastenrad Logistik" Solar'}).status_code == 200


def test_plain_snippets_equal_rendered_ones():
    for text in [
        "Wir verleihen Lastenräder\n\nin Berlin.",
        "Ein  Satz   mit Abständen",
        "Straße 12, 10999 Berlin",
    ]:
        assert plain_text(text) == plain_excerpt(text, 2000)
    for text in ["**fett** und _kursiv_", "- eins\n- zwei", "# Titel", "a <b>c</b> & d", "Titel\n---\nText"]:
        assert plain_text(text) == plain_excerpt(text, 2000)


def test_index_of_an_older_schema_is_rebuilt(app, db):
    actor = make_actor("Altschema eG")
    drain()
    root = index_root()
    old = root / "index-20200101000000-1-1"  # how directories were named before the version stamp
    (root / store.current_name(root)).rename(old)
    (root / store.CURRENT).write_text(old.name)
    store.close_thread_searchers()
    assert not store.is_healthy(root)
    maintenance.ensure_index(current_app._get_current_object(), background=False)
    assert store.current_name(root).startswith(store.VERSION_PREFIX)
    assert {h.pk for h in run(parse("Altschema").query, 5)} == {actor.id}


def test_a_word_in_nearly_every_document_weighs_next_to_nothing(corpus):
    """BM25's idf, not Whoosh's log(N / (n + 1)) + 1 (which never goes below 1): "eG" is in every name."""
    with store.searcher(index_root()) as searcher:
        assert isinstance(searcher.weighting, store.Bm25)
        common, rare = searcher.idf("title", "eg"), searcher.idf("title", "nachzugler")
        assert searcher.doc_frequency("title", "eg") > 20 and common < 0.2 * rare  # Whoosh's: a third
