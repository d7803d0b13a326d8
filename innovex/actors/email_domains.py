"""Which email domains speak for a website: registrable domains (Public Suffix List), free-mail providers."""

from functools import cache

from publicsuffixlist import PublicSuffixList

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
def _public_suffixes() -> PublicSuffixList:
    """The Public Suffix List as packaged by `publicsuffixlist` (updated with each release of the package),
    private domains included: "blogspot.pt" is a suffix, so "foo.blogspot.pt" is a domain of its own. A
    top-level domain the list does not know counts as a suffix (the list's default rule "*")."""
    return PublicSuffixList(accept_unknown=True, only_icann=False)


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
    return _public_suffixes().privatesuffix(host)


def is_free_mail(domain: str) -> bool:
    domain = ascii_host(domain)
    return domain in FREE_MAIL_DOMAINS or registrable_domain(domain) in FREE_MAIL_DOMAINS


def email_matches_site(email_domain: str, site_host: str) -> bool:
    """An address at the site's registrable domain or any subdomain of it speaks for the site."""
    site = registrable_domain(site_host)
    email_domain = ascii_host(email_domain)
    return site is not None and (email_domain == site or email_domain.endswith("." + site))
