"""Publishing, editing, hiding and listing solutions, and reading their building blocks and links."""

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from innovex import licences
from innovex.abuse import check_links
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Project, Sector, Solution, SolutionBlock, SolutionLink, User
from innovex.models.base import utcnow
from innovex.normalise import has_control_characters, is_web_address, without_control_characters
from innovex.slugs import unique_slug
from innovex.solutions import access
from innovex.taxonomy import tag_is

TITLE_MAX = 200
SUMMARY_MAX = 500
BODY_MAX = 50_000
LICENCE_MAX = 120
REUSE_MAX = 5_000  # requirements, costs
CONTACT_MAX = 200
BLOCKS_MAX = 20
BLOCK_NAME_MAX = 120
BLOCK_DESCRIPTION_MAX = 500
LINKS_MAX = 10
LINK_LABEL_MAX = 120
URL_MAX = 500
RESERVED_SLUGS = {"new"}

_BLOCK_LINE = re.compile(r"^(.+?)\s*(?:[:–—|]|\s-\s)\s*(.*)$")


@dataclass
class Block:
    name: str
    description: str = ""


@dataclass
class Link:
    url: str
    label: str = ""


@dataclass
class SolutionInput:
    """What may be set on a solution; nothing else is taken from a form."""

    title: str
    summary: str
    body: str = ""
    licence: str = ""
    requirements: str = ""
    costs: str = ""
    contact: str = ""
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def parse_blocks(text: str | None) -> list[Block]:
    """One building block a line: its name, then optionally `:` and a short description."""
    blocks = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _BLOCK_LINE.match(line)
        if match:
            blocks.append(Block(name=match.group(1).strip(), description=match.group(2).strip()))
        else:
            blocks.append(Block(name=line))
    return blocks


def format_blocks(blocks) -> str:
    return "\n".join(f"{b.name}: {b.description}" if b.description else b.name for b in blocks)


def parse_links(text: str | None) -> list[Link]:
    """One link a line: the address, optionally after a label and `|` ("Code | https://…")."""
    links = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        label, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
        links.append(Link(url=url.strip(), label=label.strip()))
    return links


def format_links(links) -> str:
    return "\n".join(f"{link.label} | {link.url}" if link.label else link.url for link in links)


def refuse_control_characters(texts: dict[str, str | None]) -> None:
    """Control characters (a NUL above all, which PostgreSQL cannot store) are refused next to their field."""
    for name, text in texts.items():
        if has_control_characters(text):
            raise DomainError(_("Please remove invisible control characters."), field=name)


def _check_characters(data: SolutionInput) -> None:
    texts = {name: getattr(data, name) for name in ("title", "summary", "body", "licence", "requirements")}
    texts |= {"costs": data.costs, "contact": data.contact}
    texts["blocks"] = " ".join(f"{b.name} {b.description}" for b in data.blocks)
    texts["links"] = " ".join(f"{link.label} {link.url}" for link in data.links)
    refuse_control_characters(texts)


def _check(data: SolutionInput, author: User) -> None:
    """Validate again what the form validated, so that the service is safe on its own."""
    _check_characters(data)
    if not data.title.strip():
        raise DomainError(_("Please enter a title."), field="title")
    if len(data.title) > TITLE_MAX:
        raise DomainError(_("The title is too long."), field="title")
    if not data.summary.strip():
        raise DomainError(_("Please enter a summary."), field="summary")
    if len(data.summary) > SUMMARY_MAX:
        raise DomainError(_("The summary is too long."), field="summary")
    if len(data.body) > BODY_MAX:
        raise DomainError(_("The description is too long."), field="body")
    if len(data.licence) > LICENCE_MAX:
        raise DomainError(_("The licence is too long."), field="licence")
    for name in ("requirements", "costs"):
        if len(getattr(data, name)) > REUSE_MAX:
            raise DomainError(_("Please keep the text under %(max)s characters.", max=REUSE_MAX), field=name)
    if len(data.contact) > CONTACT_MAX:
        raise DomainError(_("The contact is too long."), field="contact")
    _check_blocks(data.blocks)
    _check_links(data.links)
    check_links(author, data.summary, data.body, data.requirements, data.costs, field="body")


def _check_blocks(blocks: list[Block]) -> None:
    if len(blocks) > BLOCKS_MAX:
        raise DomainError(_("Please list at most %(max)s building blocks.", max=BLOCKS_MAX), field="blocks")
    names = set()
    for block in blocks:
        if len(block.name) > BLOCK_NAME_MAX or len(block.description) > BLOCK_DESCRIPTION_MAX:
            raise DomainError(
                _("Building block “%(name)s” is too long.", name=block.name[:40]), field="blocks"
            )
        if block.name.casefold() in names:
            raise DomainError(
                _("Building block “%(name)s” is listed twice.", name=block.name), field="blocks"
            )
        names.add(block.name.casefold())


def _check_links(links: list[Link]) -> None:
    if len(links) > LINKS_MAX:
        raise DomainError(_("Please list at most %(max)s links.", max=LINKS_MAX), field="links")
    for number, link in enumerate(links, 1):
        if len(link.url) > URL_MAX or len(link.label) > LINK_LABEL_MAX:
            raise DomainError(_("Line %(n)s: the link is too long.", n=number), field="links")
        if not is_web_address(link.url):
            raise DomainError(
                _("Line %(n)s: please enter a web address starting with https:// or http://.", n=number),
                field="links",
            )


def _apply(solution: Solution, data: SolutionInput, author: User) -> None:
    _check(data, author)
    solution.title = data.title.strip()
    solution.summary = data.summary.strip()
    solution.body = data.body
    solution.licence = licences.normalise(data.licence)
    solution.requirements = data.requirements.strip()
    solution.costs = data.costs.strip()
    solution.contact = data.contact.strip()
    solution.blocks.clear()
    solution.links.clear()
    db.session.flush()  # the old rows go before the new ones take their positions
    solution.blocks.extend(
        SolutionBlock(position=n, name=b.name, description=b.description) for n, b in enumerate(data.blocks)
    )
    solution.links.extend(
        SolutionLink(position=n, url=link.url, label=link.label) for n, link in enumerate(data.links)
    )


def publish_solution(project: Project, author: User, data: SolutionInput) -> Solution:
    """A project's owners publish what it built; its owning organisations are the builders."""
    if not access.can_publish_solution(author, project):
        raise DomainError(_("Only the project's owners can publish its solutions."))
    solution = Solution(project=project, published_by=author, builders=list(project.owning_actors))
    _apply(solution, data, author)
    solution.slug = unique_slug(Solution.slug, solution.title, reserved=RESERVED_SLUGS, max_length=120)
    db.session.add(solution)
    db.session.flush()
    return solution


def edit_solution(solution: Solution, data: SolutionInput, editor: User) -> None:
    if not access.can_edit_solution(editor, solution):
        raise DomainError(_("Only the project's owners can change its solutions."))
    _apply(solution, data, editor)
    solution.updated_at = utcnow()
    db.session.flush()


def set_hidden(solution: Solution, moderator: User, hidden: bool) -> None:
    """Moderators take a solution out of the library (its project's owners still see it) or restore it."""
    if not access.can_hide_solution(moderator, solution):
        raise DomainError(_("Only moderators can hide a solution."))
    solution.hidden_at = utcnow() if hidden else None
    solution.hidden_by_id = moderator.id if hidden else None
    solution.updated_at = utcnow()
    db.session.flush()


@dataclass
class SolutionFilters:
    text: str = ""
    sector: str = ""
    tag: str = ""

    @classmethod
    def from_args(cls, args) -> "SolutionFilters":
        def text(name: str, length: int) -> str:
            # Control characters never match, and PostgreSQL refuses a NUL in any text parameter.
            return without_control_characters(args.get(name)).strip()[:length]

        return cls(text=text("q", 100), sector=text("sector", 80), tag=text("tag", 80))


def listed_solutions(viewer, filters: SolutionFilters | None = None) -> sa.Select:
    """The library, newest first: the solutions the viewer may see, by text (title, summary, building
    blocks) and by the sector or tag of the project that built them."""
    filters = filters or SolutionFilters()
    statement = (
        sa.select(Solution)
        .where(access.visible_solutions_filter(viewer))
        .options(selectinload(Solution.builders), selectinload(Solution.project).selectinload(Project.actor))
        .order_by(Solution.published_at.desc(), Solution.id.desc())
    )
    if filters.text:
        like = f"%{filters.text}%"
        statement = statement.where(
            sa.or_(
                Solution.title.ilike(like),
                Solution.summary.ilike(like),
                Solution.blocks.any(SolutionBlock.name.ilike(like)),
            )
        )
    if filters.sector:
        statement = statement.where(Solution.project.has(Project.sectors.any(Sector.slug == filters.sector)))
    if filters.tag:
        statement = statement.where(Solution.project.has(Project.tags.any(tag_is(filters.tag))))
    return statement


def solutions_of_project(project: Project, viewer) -> list[Solution]:
    return list(
        db.session.scalars(
            sa.select(Solution)
            .where(Solution.project_id == project.id, access.visible_solutions_filter(viewer))
            .order_by(Solution.published_at)
        )
    )


def solutions_built_by(actor: Actor, viewer) -> list[Solution]:
    """For an organisation's profile: the solutions it built that the viewer may see."""
    return list(
        db.session.scalars(
            sa.select(Solution)
            .where(Solution.builders.any(Actor.id == actor.id), access.visible_solutions_filter(viewer))
            .order_by(Solution.published_at.desc())
        )
    )
