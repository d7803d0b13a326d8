import pytest

from innovex.passwords import MAX_LENGTH, MIN_LENGTH, common_passwords, password_problems


def test_list_is_shipped_cached_and_large(app):
    words = common_passwords()
    assert isinstance(words, frozenset)
    assert common_passwords() is words
    assert len(words) >= 3000
    assert all(len(word) >= 8 and word == word.lower() for word in words)
    assert {"password", "baseball", "iloveyou"} <= words


@pytest.mark.parametrize(
    "password",
    ["correct horse battery staple", "x" * MIN_LENGTH, "äöü" * 40 + "ab", "Z" * MAX_LENGTH, "12 words! ok?"],
)
def test_good_passwords_pass_without_composition_rules(app, password):
    assert password_problems(password, email="anna@example.org", name="Anna") == []


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("short", "at least 8"),
        ("x" * (MAX_LENGTH + 1), "at most 256"),
        ("password", "commonly used"),
        ("PassWord", "commonly used"),
        ("Baseball", "commonly used"),
        ("anna@example.org", "email"),
        ("ANNA@EXAMPLE.ORG", "email"),
        ("Anna Schmidt", "name"),
    ],
)
def test_each_rule_refuses(app, password, fragment):
    problems = password_problems(password, email="anna@example.org", name="anna schmidt")
    assert any(fragment in problem for problem in problems), problems
