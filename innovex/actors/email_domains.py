"""Which email domains speak for a website: registrable domains (Public Suffix List), free-mail providers."""

from functools import cache
from pathlib import Path

# Debian's `publicsuffix` package; without it, the last two labels are taken (plus a few well-known
# two-label suffixes), which is right for .de, .org, .coop and the like.
PUBLIC_SUFFIX_FILE = Path("/usr/share/publicsuffix/public_suffix_list.dat")
FALLBACK_SUFFIXES = frozenset(
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "co.at", "or.at", "ac.at",
        "gv.at", "com.au", "org.au", "net.au", "co.nz", "org.nz", "com.br", "org.br", "co.jp", "or.jp",
        "com.es", "org.es", "com.pl", "org.pl", "co.za", "org.za", "com.tr", "co.in", "org.in", "com.mx",
    }
)  # fmt: skip

# Addresses anybody can get: they prove nothing about an organisation, whatever its website.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.de", "yahoo.co.uk", "yahoo.fr", "ymail.com",
        "outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "hotmail.co.uk", "live.com", "live.de",
        "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "aol.de", "gmx.de", "gmx.net", "gmx.at",
        "gmx.ch", "gmx.com", "web.de", "t-online.de", "freenet.de", "arcor.de", "posteo.de", "posteo.net",
        "mailbox.org", "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com",
        "tutanota.de", "tuta.io", "tuta.com", "yandex.com", "yandex.ru", "mail.ru", "mail.de", "email.de",
        "online.de", "kabelmail.de", "vodafone.de", "zoho.com", "fastmail.com", "fastmail.fm", "hey.com",
        "bluewin.ch", "gmx.li", "riseup.net", "disroot.org", "systemli.org", "web.ru", "qq.com", "163.com",
        "laposte.net", "orange.fr", "free.fr", "libero.it", "virgilio.it", "seznam.cz", "wp.pl", "o2.pl",
        "onet.pl", "interia.pl", "mail.com", "inbox.com", "hushmail.com", "gmx.fr", "email.com",
    }
)  # fmt: skip


@cache
def _public_suffix_rules(path: Path = PUBLIC_SUFFIX_FILE) -> tuple[frozenset, frozenset, frozenset] | None:
    """(rules, wildcard parents, exceptions) from the list, or None when the file is not installed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    rules, wildcards, exceptions = set(), set(), set()
    for line in lines:
        rule = line.strip().split(" ")[0].lower()
        if not rule or rule.startswith("//"):
            continue
        rule = rule.encode("idna").decode("ascii") if not rule.isascii() else rule
        if rule.startswith("!"):
            exceptions.add(rule[1:])
        elif rule.startswith("*."):
            wildcards.add(rule[2:])
        else:
            rules.add(rule)
    return frozenset(rules), frozenset(wildcards), frozenset(exceptions)


def _suffix_length(labels: list[str]) -> int:
    """How many labels at the end of the host form its public suffix (at least one: the TLD)."""
    table = _public_suffix_rules()
    if table is None:
        return 2 if ".".join(labels[-2:]) in FALLBACK_SUFFIXES else 1
    rules, wildcards, exceptions = table
    longest = 1
    for size in range(1, len(labels) + 1):
        candidate = ".".join(labels[-size:])
        if candidate in exceptions:
            return size - 1
        if candidate in rules or (size > 1 and ".".join(labels[-size + 1 :]) in wildcards):
            longest = size
    return longest


def ascii_host(host: str | None) -> str:
    """The host name in lower case, internationalised names in their ASCII (punycode) form; "" if invalid."""
    host = (host or "").strip().lower().rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def registrable_domain(host: str | None) -> str | None:
    """The part of a host name that one owner registers: "shop.kollektiv.co.uk" -> "kollektiv.co.uk";
    None when the host is itself a public suffix or not a domain name at all."""
    host = ascii_host(host)
    if not host or "." not in host or not host.replace("-", "").replace(".", "").isalnum():
        return None
    labels = host.split(".")
    if any(not label for label in labels) or labels[-1].isdigit():  # IP addresses have no owner here
        return None
    suffix = _suffix_length(labels)
    if suffix >= len(labels):
        return None
    return ".".join(labels[-suffix - 1 :])


def is_free_mail(domain: str) -> bool:
    domain = ascii_host(domain)
    return domain in FREE_MAIL_DOMAINS or registrable_domain(domain) in FREE_MAIL_DOMAINS


def email_matches_site(email_domain: str, site_host: str) -> bool:
    """An address at the site's registrable domain or any subdomain of it speaks for the site."""
    site = registrable_domain(site_host)
    email_domain = ascii_host(email_domain)
    return site is not None and (email_domain == site or email_domain.endswith("." + site))
