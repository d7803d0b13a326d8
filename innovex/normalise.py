"""Normal forms of names, slugs and web addresses, used for URLs and for finding duplicates."""

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


def ascii_fold(text: str) -> str:
    text = text.translate(_UMLAUTS)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str, max_length: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    return slug[:max_length].rstrip("-") or "item"


def name_key(name: str) -> str:
    """The name without case, accents, punctuation and legal-form words: "Gemüse eG" -> "gemuese"."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(name).lower())
    kept = [w for w in words if w not in LEGAL_NOISE]
    return " ".join(kept or words)


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
