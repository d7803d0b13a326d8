"""Other ways of saying what was asked, for both engines: German compounds split into their parts, and the
bilingual synonyms of taxonomy.SYNONYMS ("Lastenrad" is also "cargo bike", "Kaffee" also "coffee").

A query's words become a few *variants* (word lists), each searched like the original and weighed a little
lower; a project's needs get the variants' words as extra terms. A compound is split only where both parts
are words (of the index, or of the synonym table), so that "Energiegenossenschaft" asks for "Energie" and
"Genossenschaft" together, never for the generic "Genossenschaft" alone; the engines' idf then weighs the
specific part above the generic one.
"""

from collections.abc import Callable
from functools import lru_cache
from itertools import islice, product

from innovex.search.whoosh.analysis import MIN_COMPOUND_PART, STOP_WORDS, stems, words
from innovex.taxonomy import SYNONYMS

MAX_VARIANTS = 8  # word lists per query, the original included (each costs a walk of its postings)
MAX_PARTS = 3  # parts a compound is split into at most
VARIANT_WEIGHT = 0.8  # a variant's weight beside the original words
LINKING = ("s", "es")  # German linking letters: "Wohnung|s|genossenschaft"

Phrase = tuple[str, ...]


def _stem_set(word: str) -> frozenset[str]:
    return frozenset((word, *stems(word)))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[tuple[Phrase, int]]], list[list[Phrase]]]:
    """The synonym groups as folded phrases, and an index from each stem of a phrase's first word."""
    groups = [list(dict.fromkeys(tuple(words(entry)) for entry in group)) for group in SYNONYMS]
    by_first: dict[str, list[tuple[Phrase, int]]] = {}
    for number, group in enumerate(groups):
        for phrase in group:
            for stem in _stem_set(phrase[0]):
                by_first.setdefault(stem, []).append((phrase, number))
    return by_first, groups


def _same(word: str, other: str) -> bool:
    return word == other or bool(_stem_set(word) & _stem_set(other))


def synonyms_at(query: list[str], start: int) -> list[tuple[int, list[Phrase]]]:
    """The synonym phrases that match the query's words from `start` on: (words covered, the group's other
    phrases), longest match first."""
    by_first, groups = _table()
    found: dict[int, list[Phrase]] = {}
    for stem in _stem_set(query[start]):
        for phrase, number in by_first.get(stem, []):
            end = start + len(phrase)
            if end <= len(query) and all(_same(q, p) for q, p in zip(query[start:end], phrase, strict=True)):
                others = [p for p in groups[number] if p != phrase and p != tuple(query[start:end])]
                known = found.setdefault(len(phrase), [])
                known += [p for p in others if p not in known]
    return sorted(found.items(), reverse=True)


def in_table(word: str) -> bool:
    """Whether a single word is one of the synonym table's (in any of its forms)."""
    by_first, _groups = _table()
    return any(len(p) == 1 for stem in _stem_set(word) for p, _n in by_first.get(stem, []))


def split_compound(word: str, known: Callable[[str], bool]) -> list[str] | None:
    """A German compound's parts, when both sides of a split are words ("fahrradwerkstatt" -> ["fahrrad",
    "werkstatt"]); of the splits that work, the most even one (so "fahr" + "radwerkstatt" loses). The
    longer part is split again, up to MAX_PARTS parts. None for a word that is no compound."""

    def word_like(part: str) -> bool:
        return len(part) >= MIN_COMPOUND_PART and part not in STOP_WORDS and (in_table(part) or known(part))

    best: tuple[int, list[str]] | None = None
    for start in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        head = word[start:]
        if not word_like(head):
            continue
        whole = word[:start]
        linked = [whole[: -len(s)] for s in LINKING if whole.endswith(s)]  # "wohnungs" -> "wohnung"
        modifier = next((m for m in (*linked, whole) if word_like(m)), None)
        if modifier is not None and (best is None or min(len(modifier), len(head)) > best[0]):
            best = (min(len(modifier), len(head)), [modifier, head])
    if best is None:
        return None
    parts = best[1]
    longer = max(range(2), key=lambda i: len(parts[i]))
    if MAX_PARTS > 2 and not in_table(parts[longer]) and not known(parts[longer]):  # "werkstatt" stays
        again = split_compound(parts[longer], known) if len(parts[longer]) >= 2 * MIN_COMPOUND_PART else None
        if again and len(again) + 1 <= MAX_PARTS:
            parts = [*parts[:longer], *again, *parts[longer + 1 :]]
    return parts


def candidate_parts(query: list[str]) -> set[str]:
    """Every piece of the query's words that split_compound may ask about, with its stems (for an engine
    that looks the pieces up in one go)."""
    found: set[str] = set()
    for word in query:
        if len(word) < 2 * MIN_COMPOUND_PART:
            continue
        for start in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            whole = word[:start]
            found.update((word[start:], whole, *(whole[: -len(s)] for s in LINKING if whole.endswith(s))))
    return found | {stem for piece in found for stem in stems(piece)}


def _nothing(_word: str) -> bool:
    return False


def _slot_options(word: str, known: Callable[[str], bool]) -> list[Phrase]:
    """Other ways of saying one word: its compound parts (and their synonyms) and its own synonyms."""
    options: list[Phrase] = [p for _n, phrases in synonyms_at([word], 0) for p in phrases]
    # A word of the table is split only into words of the table ("Energie|genossenschaft"); its synonyms
    # say the rest ("Werkstatt" is no "Werk" and "statt", "Lebensmittel" no "Leben").
    parts = (
        split_compound(word, known if not options else _nothing)
        if len(word) >= 2 * MIN_COMPOUND_PART
        else None
    )
    if parts:
        per_part = [[(p,), *(s for _n, found in synonyms_at([p], 0) for s in found)] for p in parts]
        options += [tuple(w for phrase in combo for w in phrase) for combo in islice(product(*per_part), 8)]
    return options


def variants(query: list[str], known: Callable[[str], bool]) -> list[list[str]]:
    """The query's words said other ways (the original not included), at most MAX_VARIANTS - 1 of them:
    each word or phrase replaced by its synonyms, each compound by its parts."""
    query = [w for w in query if w not in STOP_WORDS] or query
    slots: list[list[Phrase]] = []
    position = 0
    while position < len(query):
        phrases = synonyms_at(query, position)
        length, others = phrases[0] if phrases and phrases[0][0] > 1 else (1, [])
        own = tuple(query[position : position + length])
        options = [own, *others] if length > 1 else [own, *_slot_options(own[0], known)]
        slots.append(list(dict.fromkeys(options)))
        position += length
    # Fewest and nearest replacements first: the combinations by the sum of their options' places.
    combos = sorted(
        product(*(list(enumerate(options[:8])) for options in slots)), key=lambda c: sum(i for i, _ in c)
    )
    found = []
    for combo in combos[1:]:
        if len(found) >= MAX_VARIANTS - 1:
            break
        variant = [w for _i, phrase in combo for w in phrase]
        if variant != query and variant not in found:
            found.append(variant)
    return found
