"""@mentions in sanitised feedback HTML: found and marked in text nodes only, so they cannot add markup.

A mentioned organisation is stored as `<a class="mention" data-actor="slug">`: which organisation, not its
address; the `stored_html` filter (innovex.templating) gives it its link when a page shows it."""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Actor, User

# A mention starts after a non-word character; handles and slugs are letters, digits, "_", "-" and inner dots.
MENTION = re.compile(r"(?<![\w@/.-])@([A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?=[A-Za-z0-9]))*)")
SKIP_TAGS = frozenset({"a", "code", "pre"})


@dataclass
class Mentions:
    """The users and organisations a text mentions, keyed by the lower-cased name used."""

    users: dict[str, User] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)

    def recipients(self) -> list[User]:
        """Everyone to notify: mentioned users and the owners of mentioned organisations, once each."""
        people = {user.id: user for user in self.users.values()}
        for actor in self.actors.values():
            people.update((owner.id, owner) for owner in actor.owners)
        return list(people.values())

    def without(self, names: set[str]) -> "Mentions":
        """The mentions whose names are not among the given ones (e.g. those already in an earlier text)."""
        return Mentions(
            users={k: v for k, v in self.users.items() if k not in names},
            actors={k: v for k, v in self.actors.items() if k not in names},
        )


class _TextRewriter(HTMLParser):
    """Re-serialises sanitiser output, passing each text node outside links and code through a function."""

    def __init__(self, rewrite):
        super().__init__(convert_charrefs=True)
        self.rewrite = rewrite
        self.out: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIP_TAGS:
            self.skipping.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in SKIP_TAGS and tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass

    def handle_data(self, data):
        text = escape(data, quote=False)
        self.out.append(text if self.skipping else self.rewrite(text))


def _rewrite_text(html: str, rewrite) -> str:
    parser = _TextRewriter(rewrite)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def mentioned_names(html: str) -> set[str]:
    """The lower-cased names mentioned in the text nodes of sanitised HTML (not in links or code)."""
    names: set[str] = set()

    def collect(text: str) -> str:
        names.update(match.group(1).lower() for match in MENTION.finditer(text))
        return text

    _rewrite_text(html, collect)
    return names


def resolve(names: set[str]) -> Mentions:
    """Look the names up as user handles first, then as organisation slugs (two queries at most)."""
    found = Mentions()
    if not names:
        return found
    users = db.session.scalars(sa.select(User).where(sa.func.lower(User.handle).in_(names)))
    found.users = {user.handle.lower(): user for user in users}
    rest = names - found.users.keys()
    if rest:
        actors = db.session.scalars(sa.select(Actor).where(sa.func.lower(Actor.slug).in_(rest), Actor.listed))
        found.actors = {actor.slug.lower(): actor for actor in actors}
    return found


def link_mentions(html: str) -> tuple[str, Mentions]:
    """Mark known @mentions in sanitised HTML: organisations (linked when shown) and people (spans)."""
    found = resolve(mentioned_names(html))
    if not (found.users or found.actors):
        return html, found

    def replace(match: re.Match) -> str:
        name = match.group(1).lower()
        if name in found.users:
            return f'<span class="mention">@{match.group(1)}</span>'
        if name in found.actors:
            slug = escape(found.actors[name].slug)
            return f'<a class="mention" data-actor="{slug}">@{match.group(1)}</a>'
        return match.group(0)

    return _rewrite_text(html, lambda text: MENTION.sub(replace, text)), found
