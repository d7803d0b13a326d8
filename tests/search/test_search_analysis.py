"""German and English analysis: folding, stemming, compounds, and highlighting that escapes first."""

from innovex.search.whoosh.analysis import (
    analysed_terms,
    compound_head,
    fold,
    gram_analyzer,
    highlight,
    snippet,
)


def test_folding_is_consistent():
    assert fold("Straße") == "strasse"
    assert fold("Mobilität") == fold("Mobilitat") == "mobilitat"
    assert fold("Café CRÈME") == "cafe creme"


def test_german_and_english_stems_meet():
    assert analysed_terms("Genossenschaften") & analysed_terms("Genossenschaft")
    assert analysed_terms("Lastenräder") & analysed_terms("Lastenrad")
    assert analysed_terms("logistics") & analysed_terms("Logistik")
    assert analysed_terms("developers") & analysed_terms("developer")
    assert not analysed_terms("und oder the and")  # stop words of both languages


def test_compound_grams_hold_prefixes_and_suffixes():
    grams = {t.text for t in gram_analyzer()("Lastenradverleih")}
    assert {"lastenrad", "verleih", "lastenradverleih"} <= grams
    query = [t.text for t in gram_analyzer()("Lastenräder", mode="query")]
    assert query == ["lastenrad"]


def test_compound_head_needs_a_known_word():
    known = {"logistik"}.__contains__
    assert compound_head("lieferlogistik", known) == "logistik"
    assert compound_head("lieferlogistik", set().__contains__) is None


def test_highlight_escapes_before_marking():
    html = str(highlight("<script>Lastenrad</script> & Rad", analysed_terms("Lastenrad")))
    assert "<script>" not in html
    assert html == "&lt;script&gt;<mark>Lastenrad</mark>&lt;/script&gt; &amp; Rad"


def test_highlight_marks_compounds_by_their_parts():
    assert (
        str(highlight("Unser Lastenradverleih", set(), {"lastenrad"}))
        == "Unser <mark>Lastenradverleih</mark>"
    )


def test_snippet_windows_around_the_first_match():
    text = "Einleitung " * 60 + "Hier geht es um Lastenräder <b>fett</b>." + " Schluss" * 60
    html = str(snippet(text, analysed_terms("Lastenrad")))
    assert html.startswith("… ") and "<mark>Lastenräder</mark>" in html and "&lt;b&gt;" in html
