"""Normal forms of names, slugs and web addresses, used for URLs and for finding duplicates."""

import difflib
import functools
import re
import unicodedata
from urllib.parse import urlsplit

# Words that say what legal form an organisation has, not who it is; dropped when comparing names.
LEGAL_NOISE = {
    "eg", "e", "g", "ev", "v", "gmbh", "ggmbh", "ug", "ag", "kg", "co", "haftungsbeschränkt", "mbh",
    "genossenschaft", "cooperative", "coop", "cooperativa", "ltd", "limited", "inc",
    "the", "der", "die", "das",
}  # fmt: skip

# Hosts on which a page belongs to a user of the host, not to the organisation: no identity.
SHARED_HOSTS = {
    "facebook.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "xing.com", "youtube.com",
    "github.com", "gitlab.com", "codeberg.org", "medium.com", "wordpress.com", "blogspot.com", "blogger.com",
    "tumblr.com", "wixsite.com", "jimdo.com", "jimdofree.com", "weebly.com", "squarespace.com", "t.me",
    "mastodon.social", "google.com", "sites.google.com", "linktr.ee", "meetup.com", "substack.com",
    "notion.site", "webnode.page", "over-blog.com", "tiktok.com", "vk.com", "wa.me", "bit.ly",
}  # fmt: skip

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})

# Cyrillic and Greek letters in Latin (a simple, readable transliteration, enough for slugs and name keys):
# each word is a letter followed by its Latin form.
_TRANSLITERATION = (
    "аa бb вv гg дd еe ёe жzh зz иi йi кk лl мm нn оo пp рr сs тt уu фf хh цts чch шsh щsht ъa ыy ь эe юyu "
    "яya єye іi їyi ґg ђdj јj љlj њnj ћc џdz "
    "αa βv γg δd εe ζz ηi θth ιi κk λl μm νn ξx οo πp ρr σs ςs τt υy φf χch ψps ωo"
)
_CYRILLIC_GREEK = {word[0]: word[1:] for word in _TRANSLITERATION.split()}
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN = {"æ": "ae", "ø": "o", "ł": "l", "đ": "d", "þ": "th", "ð": "d", "œ": "oe", "ı": "i", "ŀ": "l"}
_SCRIPTS = str.maketrans(
    {
        letter: latin
        for table in (_CYRILLIC_GREEK, _LATIN)
        for small, small_latin in table.items()
        for letter, latin in ((small, small_latin), (small.upper(), small_latin.capitalize()))
    }
)


def ascii_fold(text: str) -> str:
    """The text in ASCII: umlauts as "ae", accents dropped, Cyrillic and Greek transliterated."""
    text = text.translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_SCRIPTS)
    return text.encode("ascii", "ignore").decode("ascii")


def slugify(text: str, max_length: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    return slug[:max_length].rstrip("-") or "item"


def collation_key(text: str) -> str:
    """Display text as German and English readers sort it: case and accents do not count, so "Ägypten" sorts
    as "agypten", between "Afghanistan" and "Albanien" (DIN 5007-1, as in dictionaries). A small stand-in for
    ICU collation, used in Python (`i18n.sort_key`) and stored for SQL (`Actor.sort_name`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """The name without case, accents, punctuation and legal-form words: "Gemüse eG" -> "gemuese".
    A name in another script ("Банка за храни") keeps its letters, without case and accents."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(name).lower())
    if not words:
        plain = unicodedata.normalize("NFKD", name.casefold())
        words = re.findall(r"[^\W_]+", "".join(c for c in plain if not unicodedata.combining(c)))
    kept = [w for w in words if w not in LEGAL_NOISE]
    return " ".join(kept or words)


# Control characters, which no name or text needs (line breaks and tabs are not among them) and of which
# PostgreSQL cannot store the NUL: a character class, as re and the API's JSON Schema patterns read it.
CONTROL_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f"
_CONTROL = re.compile(f"[{CONTROL_CLASS}]")


def has_control_characters(text: str | None) -> bool:
    return bool(text) and _CONTROL.search(text) is not None


def without_control_characters(text: str | None) -> str:
    return _CONTROL.sub("", text or "")


SIMILAR_NAME_RATIO = 0.85  # difflib ratio from which two name keys read as one name misspelt
SIMILAR_WORD_RATIO = 0.7  # ... and from which two words are one word misspelt ("lindenau", "lindenow")


def similar_spelling(key: str, other: str) -> bool:
    """Whether two folded names or addresses are close as strings (a typo, another spelling)."""
    if key == other:
        return True
    matcher = difflib.SequenceMatcher(None, key, other)
    return matcher.quick_ratio() >= SIMILAR_NAME_RATIO and matcher.ratio() >= SIMILAR_NAME_RATIO


def similar_names(key: str, other: str) -> bool:
    """Whether two name keys probably name one organisation: close as strings, and every word of the name
    with fewer words is in the other, misspelt at most ("ADMR aide a domicile" and "aide a domicile";
    "lastenrad kollektiv" and "lastenradkollektiv"). One differing word makes two organisations, however
    long the shared rest: "better health bikes" and "better health bakery", "sustainable fish cities"
    and "sustainable food cities"."""
    if not similar_spelling(key, other):
        return False
    words, others = sorted((key.split(), other.split()), key=len)
    joined = "".join(others)
    return all(word in joined or any(_one_word(word, candidate) for candidate in others) for word in words)


def _one_word(word: str, other: str) -> bool:
    return difflib.SequenceMatcher(None, word, other).ratio() >= SIMILAR_WORD_RATIO


def is_web_address(url: str) -> bool:
    """An http or https address with a host name and no whitespace: the only links users may give."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host) and not any(c.isspace() for c in url)


def website_domain(url: str | None) -> str | None:
    """The registrable host of a website ("https://www.x.de/a" -> "x.de"); None for shared hosts."""
    if not url:
        return None
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.removeprefix("www.")
    if host in SHARED_HOSTS or any(host.endswith("." + shared) for shared in SHARED_HOSTS):
        return None
    return host


# Countries ------------------------------------------------------------------------------------------------

# Languages whose country names are understood: those of the European networks innovex maps first, then
# the widely used others. The first language that names a country wins a clash.
COUNTRY_LANGUAGES = (
    "en", "de", "fr", "it", "es", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "hu", "ro", "bg",
    "el", "fi", "sv", "da", "nb", "et", "lv", "lt", "mt", "ga", "cy", "ca", "eu", "gl", "is", "lb", "sq",
    "mk", "uk", "ru", "tr",
)  # fmt: skip

# Names and codes in common use that are no ISO name or code of the country they mean.
COUNTRY_ALIASES = {
    "uk": "GB", "el": "GR", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "britain": "GB", "grossbritannien": "GB", "grossbritanien": "GB",
    "holland": "NL", "turkey": "TR", "turkei": "TR", "tuerkei": "TR", "czech republic": "CZ",
    "tschechische republik": "CZ", "macedonia": "MK", "mazedonien": "MK", "ivory coast": "CI",
    "swaziland": "SZ", "burma": "MM", "cape verde": "CV", "vatican": "VA", "kosovo": "XK", "usa": "US",
    "america": "US", "russia": "RU", "south korea": "KR", "north korea": "KP", "laos": "LA",
}  # fmt: skip


def _country_keys(text: str) -> list[str]:
    """Forms a country name is compared in: case and accents dropped, and German umlauts also as "ae"."""
    text = text.casefold()
    keys = []
    for variant in (text, text.translate(_UMLAUTS)):
        plain = "".join(c for c in unicodedata.normalize("NFKD", variant) if not unicodedata.combining(c))
        key = " ".join(re.findall(r"\w+", plain.replace("_", " ")))
        if key and key not in keys:
            keys.append(key)
    return keys


@functools.cache
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of countries (and Kosovo's XK, in common use): the one list of them."""
    import pycountry

    return frozenset({country.alpha_2 for country in pycountry.countries} | {"XK"})


@functools.cache
def _country_index() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    """(alpha-2 codes, other codes -> alpha-2, name keys -> alpha-2), built once from pycountry and CLDR."""
    import pycountry
    from babel import Locale

    codes = country_codes()
    other_codes = {country.alpha_3: country.alpha_2 for country in pycountry.countries}
    other_codes.update({country.numeric: country.alpha_2 for country in pycountry.countries})
    names: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        for key in _country_keys(name):
            names.setdefault(key, code)

    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if hasattr(country, attribute):
                add(getattr(country, attribute), country.alpha_2)
    for language in COUNTRY_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in codes:
                add(name, code)
    for alias, code in COUNTRY_ALIASES.items():
        names[alias] = code
    return codes, other_codes, names


def country_code(value: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country given by code or name in one of many languages
    ("Deutschland", "Germany", "DE", "deu", "276", "Österreich", "UK" -> DE, DE, DE, DE, DE, AT, GB);
    None when the value names no country this function knows."""
    if not value or not value.strip():
        return None
    codes, other_codes, names = _country_index()
    text = value.strip().rstrip(".")
    upper = text.upper()
    if len(upper) == 2 and upper in codes:
        return upper
    if upper in other_codes:
        return other_codes[upper]
    for key in _country_keys(text):
        for candidate in (key, key.removeprefix("the ")):
            if candidate in names:
                return names[candidate]
    return None


# Regions (states, Länder, Kantone) ------------------------------------------------------------------------

# Words that say what kind of region it is, not which: "Freistaat Sachsen", "Kanton Zürich", "Land Tirol".
REGION_NOISE = {
    "freistaat", "bundesland", "land", "kanton", "canton", "state", "of", "freie", "und", "hansestadt",
}  # fmt: skip
# Continents and world regions, which a "Region" column of an international directory holds (the ICA's
# "Africa", "Americas", "Asia-Pacific", "Europe"): no state of any country, so imports leave them out.
WORLD_REGIONS = {
    "africa", "americas", "america", "asia", "asia pacific", "europe", "oceania", "latin america",
    "north america", "south america", "central america", "caribbean", "middle east", "mena", "world",
}  # fmt: skip
# Countries whose regions the forms suggest: the network's own (pycountry's subdivisions, in local names).
REGION_COUNTRIES = ("DE", "AT", "CH")
REGION_KEY_MAX = 120  # the key's column: "ß" and "æ" grow into two letters each
_FOLDED_UMLAUTS = re.compile(r"([aou])e")


def region_key(region: str | None) -> str | None:
    """The region without case, accents, punctuation and kind words, umlauts written either way alike:
    "Thüringen", "Thueringen" and "THURINGEN" -> "thuringen"; "Freistaat Sachsen" -> "sachsen". An ISO
    3166-2 code ("DE-SN") stands for its region's name. None for an empty region."""
    if not region or not region.strip():
        return None
    text = region.strip()
    if re.fullmatch(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}", text) and (
        name := _subdivision_names().get(text.upper())
    ):
        text = name
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", _FOLDED_UMLAUTS.sub(r"\1", plain.translate(_SCRIPTS).lower()))
    kept = [word for word in words if word not in REGION_NOISE]
    return " ".join(kept or words)[:REGION_KEY_MAX] or None


@functools.cache
def _subdivision_names() -> dict[str, str]:
    import pycountry

    return {subdivision.code: subdivision.name for subdivision in pycountry.subdivisions}


@functools.cache
def known_regions() -> tuple[str, ...]:
    """The names of the states of Germany, Austria and Switzerland (Länder, Kantone), for suggestions."""
    import pycountry

    return tuple(
        sorted(
            s.name for country in REGION_COUNTRIES for s in pycountry.subdivisions.get(country_code=country)
        )
    )
