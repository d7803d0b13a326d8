"""Text analysis for German and English: folding, dual stemming, compound grams, and safe highlighting."""

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from markupsafe import Markup, escape
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language

WORD_PATTERN = r"\w+"
MIN_GRAM = 4
MAX_GRAM = 24
MIN_COMPOUND_PART = 4

_german_stem = stemmer_for_language("de")
_english_stem = stemmer_for_language("en")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower-case and fold accents the same way for every field: ä -> a, ß -> ss, é -> e."""
    text = text.lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def stems(word: str) -> tuple[str, ...]:
    """The German and (when different) English stem of a folded word; documents are in either language."""
    german = _german_stem(word)
    english = _english_stem(word)
    return (german,) if english == german else (german, english)


STOP_WORDS = frozenset(fold(w) for w in stopwords_for_language("de") | stopwords_for_language("en"))


class FoldStopStemFilter(Filter):
    """Case and accent folding, stop words, and the German and (when different) English stem of each word
    at the same position, in one step: the tokens Whoosh's LowercaseFilter | StopFilter(renumber=True) and
    a folding and a stemming filter would give, with a quarter of the generator calls per token."""

    def __init__(self, minsize: int = 2, stem: bool = True):
        self.minsize = minsize
        self.stem = stem

    def __call__(self, tokens):
        minsize, stem = self.minsize, self.stem
        pos = None
        for token in tokens:
            text = fold(token.text)
            if len(text) >= minsize and text not in STOP_WORDS:
                if token.positions:  # positions count the words that are kept, as StopFilter(renumber=True)
                    if pos is None:
                        pos = token.pos
                    else:
                        pos += 1
                        token.pos = pos
                token.stopped = False
                if stem:
                    for stemmed in stems(text):
                        token.text = stemmed
                        yield token
                else:
                    token.text = text
                    yield token
            elif not token.removestops:
                token.text = text
                token.stopped = True
                yield token


class CompoundGramFilter(Filter):
    """Indexes the prefixes and suffixes of a word so that a part of a German compound finds the whole
    ("Lastenrad" and "Verleih" find "Lastenradverleih"); a query word stays whole."""

    def __call__(self, tokens):
        for token in tokens:
            word = token.text
            if len(word) < MIN_GRAM or token.stopped:
                continue
            if token.mode == "query":
                token.text = gram_query_term(word)
                yield token
                continue
            for gram in _edge_grams(word):
                token.text = gram
                yield token


def gram_query_term(word: str) -> str | None:
    """A folded query word's term in the compound-part field: its German stem, so that "Lastenräder" finds
    "Lastenradverleih" by the prefix "lastenrad" (None for a word too short to be a part)."""
    if len(word) < MIN_GRAM or word in STOP_WORDS:
        return None
    stem = _german_stem(word)
    return (stem if len(stem) >= MIN_GRAM else word)[:MAX_GRAM]


@lru_cache(maxsize=100_000)
def _edge_grams(word: str) -> tuple[str, ...]:
    grams = {word[:size] for size in range(MIN_GRAM, min(len(word), MAX_GRAM) + 1)}
    grams.update(word[-size:] for size in range(MIN_GRAM, min(len(word), MAX_GRAM) + 1))
    return tuple(sorted(grams))


def _tokenizer():
    return RegexTokenizer(WORD_PATTERN)


def text_analyzer():
    """Full-text fields: words, folded, stop words removed, German and English stems."""
    return _tokenizer() | FoldStopStemFilter()


def gram_analyzer():
    """Names, tags and offering titles again, as word prefixes and suffixes (compound parts)."""
    return _tokenizer() | FoldStopStemFilter(stem=False) | CompoundGramFilter()


def word_analyzer():
    """Folded whole words without stemming: the vocabulary for spelling suggestions and decompounding."""
    return _tokenizer() | FoldStopStemFilter(minsize=3, stem=False)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return [fold(w) for w in re.findall(WORD_PATTERN, text or "")]


@lru_cache(maxsize=8192)
def analysed_terms(text: str) -> frozenset[str]:
    """Every term the full-text analyser makes of a text (the stems a query or document yields); the
    explanations of matches analyse the same offers and profiles again and again."""
    return frozenset(t.text for t in _query_analyzer()(text or "", mode="query") if not t.stopped)


@lru_cache(maxsize=1)
def _query_analyzer():
    return text_analyzer()  # analysers keep no state between calls: one serves every thread


def compound_head(word: str, known: Callable[[str], bool]) -> str | None:
    """The last part of a German compound when the index knows it as a word ("lieferlogistik" ->
    "logistik"), so that a compound in a query also finds its head word on its own."""
    for start in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        head = word[start:]
        if known(head):
            return head
    return None


def highlight(text: str, terms: Iterable[str], grams: Iterable[str] = ()) -> Markup:
    """The text escaped, with the words whose stems are among terms (or that start or end with one of the
    gram parts) wrapped in <mark>; escaping happens on every piece before any markup is added."""
    terms, grams = set(terms), {g for g in grams if len(g) >= MIN_GRAM}
    pieces: list[str] = []
    last = 0
    for match in re.finditer(WORD_PATTERN, text or ""):
        word = fold(match.group())
        hit = any(stem in terms for stem in stems(word)) or any(
            word.startswith(g) or word.endswith(g) for g in grams
        )
        if hit:
            pieces.append(str(escape(text[last : match.start()])))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(str(escape((text or "")[last:])))
    return Markup("".join(pieces))  # noqa: S704 - every piece was escaped above


def snippet(text: str, terms: Iterable[str], grams: Iterable[str] = (), length: int = 220) -> Markup:
    """A window of the text around its first matching word, highlighted."""
    text = " ".join((text or "").split())
    terms, grams = set(terms), set(grams)
    start = 0
    for match in re.finditer(WORD_PATTERN, text):
        word = fold(match.group())
        if any(s in terms for s in stems(word)) or any(word.startswith(g) for g in grams if len(g) >= 4):
            start = max(0, match.start() - length // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    window = text[start : start + length]
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return Markup(escape(prefix)) + highlight(window, terms, grams) + Markup(escape(suffix))
