"""Registrable domains come from the Public Suffix List packaged by `publicsuffixlist`, not a system file."""

import pytest

from innovex.actors import email_domains
from innovex.actors.email_domains import email_matches_site, registrable_domain


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("a.b.co.uk", "b.co.uk"),
        ("x.asso.fr", "x.asso.fr"),  # asso.fr is a suffix: each association registers its own name
        ("asso.fr", None),
        ("foo.blogspot.com", "foo.blogspot.com"),  # the list's private section counts: one blog, one owner
        # blogspot.pt and the other country blogspot domains are no longer on the list (Blogger redirects
        # them to blogspot.com); no one receives mail there, so a claim for such a blog fails either way.
        ("foo.blogspot.pt", "blogspot.pt"),
        ("gemeinschaft.coop", "gemeinschaft.coop"),
        ("www.kollektiv.unknowntld", "kollektiv.unknowntld"),  # an unknown TLD is a suffix of its own
    ],
)
def test_registrable_domains_from_the_packaged_list(host, expected):
    assert registrable_domain(host) == expected


def test_no_system_file_is_read(monkeypatch):
    """Debian's /usr/share/publicsuffix is stale where present and absent elsewhere: it is not consulted."""
    opened = []
    real_open = open

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    email_domains._public_suffixes.cache_clear()
    monkeypatch.setattr("builtins.open", spy)
    assert registrable_domain("a.b.co.uk") == "b.co.uk"
    assert [path for path in opened if path.endswith("publicsuffixlist/public_suffix_list.dat")]
    assert not [path for path in opened if path.startswith("/usr/share")]


def test_an_address_at_another_association_does_not_speak_for_one():
    assert email_matches_site("x.asso.fr", "www.x.asso.fr")
    assert not email_matches_site("y.asso.fr", "www.x.asso.fr")
    assert not email_matches_site("asso.fr", "www.x.asso.fr")
