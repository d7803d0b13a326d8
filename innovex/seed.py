"""`flask seed-demo`: a deterministic demo network of organisations, people, projects and feedback."""

import random
from datetime import timedelta

import click
import sqlalchemy as sa
from flask.cli import with_appcontext
from werkzeug.security import generate_password_hash

from innovex import seed_data as data
from innovex.extensions import db
from innovex.models import (
    Actor,
    CollaborationForm,
    Feedback,
    Follow,
    HelpfulMark,
    Membership,
    Notification,
    Offering,
    Project,
    ProjectCoOwner,
    ProjectSeeking,
    ProjectUpdate,
    Sector,
    User,
)
from innovex.models.base import utcnow
from innovex.normalise import name_key, slugify, website_domain
from innovex.search import make_searchable
from innovex.seed_events import seed_events
from innovex.seed_governance import seed_governance
from innovex.seed_moderation import ModerationSeeder
from innovex.seed_roadmap import seed_roadmap
from innovex.seed_solutions import seed_solutions
from innovex.seed_subscriptions import seed_subscriptions
from innovex.slugs import unique_slug
from innovex.taxonomy import get_or_create_tags, sync_taxonomies
from innovex.text import render_markdown

SEED = 2026
ORGANISATIONS = 60
MAX_DEPTH = 3
# How many replies an item at depth 0, 1 and 2 gets: (choices, weights).
REPLY_WEIGHTS = {0: ([0, 1, 2, 3], [2, 4, 3, 1]), 1: ([0, 1, 2], [4, 3, 1]), 2: ([0, 1], [3, 1])}


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when any user exists (for `make run`).")
@with_appcontext
def seed_demo_command(if_empty):
    """Fill the database with invented demo organisations, people, projects and feedback."""
    sync_taxonomies()
    if db.session.scalar(sa.select(User.id).limit(1)) is not None:
        if if_empty:
            db.session.commit()
            click.echo("The database has users already; no demo data added.")
            _echo_logins()
            return
        emails = [email for email, _name, _role in data.DEMO_LOGINS]
        if db.session.scalar(sa.select(User.id).where(User.email.in_(emails)).limit(1)) is not None:
            db.session.rollback()
            raise click.ClickException("The demo data is there already.")
    counts = DemoSeeder(random.Random(SEED)).run(progress=click.echo)
    db.session.commit()
    make_searchable()
    click.echo(
        f"Seeded {counts['organisations']} organisations, {counts['users']} users, {counts['projects']} "
        f"projects, {counts['feedback']} feedback items, {counts['reports']} open reports, "
        f"{counts['events']} events, {counts['themes']} roadmap themes"
    )
    _echo_logins()


def _all_tag_names() -> list[str]:
    names = [tag for a in data.ARCHETYPES for _t, _d, tags in a["offers"] + a["needs"] for tag in tags]
    return names + [tag for p in data.PROJECTS for tag in p["tags"] + p["competencies"]]


def _echo_logins() -> None:
    click.echo(f"Demo log-ins (password {data.DEMO_PASSWORD}):")
    for email, _name, role in data.DEMO_LOGINS:
        click.echo(f"  {email:32} {role}")
    click.echo("Moderators: review queue /moderation/queue, network dashboard /moderation/dashboard")
    click.echo(
        "Staff log in with two-factor codes: the demo moderator and admin set it up on their first visit "
        "there (any authenticator app), or run with INNOVEX_REQUIRE_2FA_FOR_STAFF=false to try without."
    )


class DemoSeeder:
    """Builds the demo network with one random generator, so that every run gives the same content."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = utcnow().replace(microsecond=0)
        self.password_hash = generate_password_hash(data.DEMO_PASSWORD)  # hashing is slow: once for all
        self.handles = set(db.session.scalars(sa.select(User.handle)))
        self.emails = set(db.session.scalars(sa.select(User.email)))
        self.users: list[User] = []
        self.actors: list[tuple[Actor, dict]] = []  # with their archetype
        self.people: dict[int, list[User]] = {}  # actor id -> its people, owner first
        self.feedback: list[Feedback] = []
        self.taken: dict[str, set[str]] = {}  # archetype key -> titles of offers and needs given out
        self.slugs = set(db.session.scalars(sa.select(Actor.slug)))
        self.tags = {tag.name: tag for tag in get_or_create_tags(_all_tag_names())}

    def run(self, progress) -> dict[str, int]:
        self.member, self.moderator, self.admin = (
            self.user(name, email, role) for email, name, role in data.DEMO_LOGINS
        )
        self.seed_actors()
        progress(f"{len(self.actors)} organisations")
        self.seed_people()
        progress(f"{len(self.users)} users")
        projects = [self.seed_project(template) for template in data.PROJECTS]
        progress(f"{len(projects)} projects")
        for project, template in zip(projects, data.PROJECTS, strict=True):
            if project.visibility != "draft":
                self.seed_thread(project, template)
                self.seed_updates(project, template)
        progress(f"{len(self.feedback)} feedback items")
        self.seed_notifications(projects)
        self.spread_ages(projects)
        moderation = ModerationSeeder(self.rng, self.now, self.users, self.moderator).run(
            projects, self.feedback, [self.member, self.moderator, self.admin]
        )
        progress(f"{moderation['reports']} open reports, 1 impulse")
        events = seed_events(self.now, self.actors[0][0], self.member, self.moderator)
        progress(f"{len(events)} events")
        themes = seed_roadmap(self.now, self.moderator, projects)
        progress(f"{len(themes)} roadmap themes")
        solutions = seed_solutions(self.now, projects)
        progress(f"{len(solutions)} solutions, 1 adopted")
        subscriptions = seed_subscriptions(self.now, self.member)
        progress(f"{len(subscriptions)} subscriptions of the demo member")
        governance = seed_governance(self.now, [(actor, self.people[actor.id]) for actor, _a in self.actors])
        progress(
            f"{governance['members']} member organisations of the data cooperative, "
            f"{governance['proposals']} proposals (one an election)"
        )
        return {
            "solutions": len(solutions),
            "subscriptions": len(subscriptions),
            "events": len(events),
            "themes": len(themes),
            "organisations": len(self.actors),
            "users": len(self.users),
            "projects": len(projects),
            "feedback": len(self.feedback),
            **moderation,
        }

    def spread_ages(self, projects: list[Project]) -> None:
        """Accounts and profiles of different ages (with a second generator, so that the rest of the demo
        stays as it was): older than any project, except a few organisations that joined this week and
        show up on the network dashboard. Accounts are older than NEW_ACCOUNT_DAYS, so the demo people are
        not held to the limits of new accounts."""
        ages = random.Random(SEED + 1)
        for user in self.users:
            user.created_at = self.now - timedelta(days=ages.randint(240, 900))
        for actor, _archetype in self.actors:
            actor.created_at = self.now - timedelta(days=ages.randint(230, 900))
            actor.confirmed_at = max(actor.confirmed_at, actor.created_at)
        owners = {p.actor_id for p in projects} | {c.actor_id for p in projects for c in p.coowners}
        newcomers = [a for a, _ in self.actors if a.id not in owners and a.id != self.actors[0][0].id]
        for actor in ages.sample(newcomers, 3):
            actor.created_at = actor.confirmed_at = self.now - timedelta(days=ages.randint(0, 5), hours=2)
        db.session.flush()

    def user(self, display_name: str, email: str, role: str = "member") -> User:
        handle = base = slugify(display_name, max_length=36)
        number = 1
        while handle in self.handles:
            number += 1
            handle = f"{base}-{number}"
        self.handles.add(handle)
        self.emails.add(email)
        user = User(email=email, display_name=display_name, handle=handle, role=role, locale="de")
        user.email_verified_at = utcnow()  # demo accounts are ready to post
        user.password_hash = self.password_hash
        db.session.add(user)
        self.users.append(user)
        return user

    def seed_actors(self) -> None:
        sectors = {s.slug: s for s in db.session.scalars(sa.select(Sector))}
        forms = {f.slug: f for f in db.session.scalars(sa.select(CollaborationForm))}
        names: set[str] = set(db.session.scalars(sa.select(Actor.name)))
        for index in range(ORGANISATIONS):
            archetype = data.ARCHETYPES[index % len(data.ARCHETYPES)]
            pattern = archetype["names"][(index // len(data.ARCHETYPES)) % len(archetype["names"])]
            place = (
                data.CITIES[4] if index == 0 else self.rng.choice(data.CITIES)
            )  # the member's is in Leipzig
            described = {actor.description for actor, _arch in self.actors}
            for _attempt in range(len(data.CITIES) * 4):  # nor the text of one of its kind in the same town
                text = archetype["description"].format(city=place[0], region=place[1])
                if pattern.format(city=place[0], region=place[1]) not in names and text not in described:
                    break
                place = self.rng.choice(data.CITIES)
            while pattern.format(city=place[0], region=place[1]) in names:
                place = self.rng.choice(data.CITIES)
            name = pattern.format(city=place[0], region=place[1])
            names.add(name)
            actor = self.actor(name, archetype, place)
            actor.sectors = [sectors[slug] for slug in archetype["sectors"]]
            actor.collaboration = [forms[slug] for slug in archetype["collaboration"]]
            self.offerings(actor, archetype, index)
            self.actors.append((actor, archetype))
        db.session.flush()

    def actor(self, name: str, archetype: dict, place: tuple) -> Actor:
        city, region, postcode, lat, lon = place
        domain = f"{slugify(name_key(name))}.example"
        members = archetype["members"]
        actor = Actor(
            slug=self.actor_slug(name, city),
            name=name,
            name_key=name_key(name),
            kind=archetype["kind"],
            legal_form=archetype["legal_form"],
            description=archetype["description"].format(city=city, region=region),
            website=f"https://{domain}",
            website_domain=website_domain(domain),
            email=f"kontakt@{domain}",
            address=f"{self.rng.choice(data.STREETS)} {self.rng.randint(1, 120)}",
            postcode=postcode,
            city=city,
            region=data.LAND_OF_CITY.get(city),
            country="DE",
            lat=round(lat + self.rng.uniform(-0.03, 0.03), 5),
            lon=round(lon + self.rng.uniform(-0.04, 0.04), 5),
            founded=self.rng.randint(*archetype["founded"]),
            members=self.rng.randint(*members) if members else None,
            status="active",
            confirmed_at=self.now - timedelta(days=self.rng.randint(0, 500)),
        )
        db.session.add(actor)
        return actor

    def actor_slug(self, name: str, city: str) -> str:
        slug = slugify(name)
        if slug in self.slugs:
            slug = slugify(f"{name} {city}")
        self.slugs.add(slug)
        return slug

    def offerings(self, actor: Actor, archetype: dict, index: int) -> None:
        """One or two offers and up to two needs of the archetype's, none an earlier organisation of the
        same archetype took while there are enough for the ones still to come (issue 18: three
        organisations offered the same "Lastenrad-Verleih für Vereine")."""
        count = len(range(index % len(data.ARCHETYPES), ORGANISATIONS, len(data.ARCHETYPES)))
        still_to_come = count - index // len(data.ARCHETYPES) - 1
        taken = self.taken.setdefault(archetype["key"], set())
        chosen = {}
        for kind, least in (("offer", 1), ("need", 0)):
            pool = [item for item in archetype[f"{kind}s"] if item[0] not in taken]
            most = min(2, len(pool) - least * still_to_come)  # leave one offer for each one to come
            if most < least:  # too few to go round: one the others have too
                chosen[kind] = self.rng.sample(archetype[f"{kind}s"], k=least)
                continue
            chosen[kind] = self.rng.sample(pool, k=self.rng.randint(least, most))
            taken.update(title for title, *_rest in chosen[kind])
        for kind, items in (("offer", chosen["offer"]), ("need", chosen["need"])):
            for title, description, tags in items:
                offering = Offering(
                    kind=kind,
                    title=title,
                    description=description,
                    scope=self.rng.choice(["local", "regional", "regional", "national"]),
                )
                offering.tags = [self.tags[tag] for tag in tags]
                actor.offerings.append(offering)

    def seed_people(self) -> None:
        for actor, _archetype in self.actors:
            domain = actor.website_domain
            people = []
            for _ in range(self.rng.choice([2, 3, 3, 4])):
                first, last = self.rng.choice(data.FIRST_NAMES), self.rng.choice(data.LAST_NAMES)
                email = f"{slugify(first)}.{slugify(last)}@{domain}"
                number = 1
                while email in self.emails:
                    number += 1
                    email = f"{slugify(first)}.{slugify(last)}{number}@{domain}"
                people.append(self.user(f"{first} {last}", email))
            roles = ["owner", "editor"] + ["member"] * (len(people) - 2)
            for person, role in zip(people, roles, strict=True):
                db.session.add(Membership(user=person, actor=actor, role=role))
            self.people[actor.id] = people
        first_actor = self.actors[0][0]
        db.session.add(Membership(user=self.member, actor=first_actor, role="owner"))
        self.people[first_actor.id].insert(0, self.member)
        db.session.flush()

    def seed_project(self, template: dict) -> Project:
        actor = next(a for a, archetype in self.actors if archetype["key"] == template["owner"])
        created = self.now - timedelta(days=self.rng.randint(40, 220), hours=self.rng.randint(0, 23))
        project = Project(
            slug=unique_slug(Project.slug, template["title"]),
            actor=actor,
            author=self.people[actor.id][0],
            title=template["title"],
            summary=template["summary"],
            body=template["body"],
            stage=template["stage"],
            region=actor.city,
            visibility=template["visibility"],
            status="open",
            created_at=created,
            last_activity_at=created,
        )
        project.seeking_rows = [ProjectSeeking(value=value) for value in template["seeking"]]
        project.tags = [self.tags[tag] for tag in template["tags"]]
        project.competencies = [self.tags[tag] for tag in template["competencies"]]
        project.sectors = list(
            db.session.scalars(sa.select(Sector).where(Sector.slug.in_(template["sectors"])))
        )
        db.session.add(project)
        partner = next(
            (a for a, arch in self.actors if arch["key"] == template["owner"] and a is not actor), None
        )
        if template["stage"] == "scaling" and partner is not None:
            project.coowners = [ProjectCoOwner(actor=partner, state="accepted")]
        db.session.flush()
        db.session.add(Follow(user_id=project.author_id, project_id=project.id, created_at=created))
        return project

    def outsiders(self, project: Project) -> list[User]:
        return [u for actor, _ in self.actors if actor.id != project.actor_id for u in self.people[actor.id]]

    def seed_thread(self, project: Project, template: dict) -> None:
        self.clock = project.created_at
        generic = [(kind, body) for kind, bodies in data.FEEDBACK.items() for body in bodies]
        items = list(template["feedback"]) + self.rng.sample(generic, k=max(0, 5 - len(template["feedback"])))
        followers, self.thread = {project.author_id}, []
        for index, (kind, body, *archetype) in enumerate(items):
            author, actor, offering = self.top_level_author(project, kind, *archetype)
            if index == 0 and template.get("first_by_demo"):
                author, actor, offering = self.member, self.actors[0][0], None
            item = self.post(project, None, author, body, kind=kind, actor=actor, offering=offering)
            self.replies(project, item, force=author is self.member)
            followers.add(author.id)
        self.insert_thread()
        for user_id in followers - {project.author_id}:
            db.session.add(Follow(user_id=user_id, project_id=project.id, created_at=project.created_at))
        project.last_activity_at = self.clock

    def top_level_author(
        self, project: Project, kind: str, archetype: str | None = None
    ) -> tuple[User, Actor | None, Offering | None]:
        if archetype is not None:  # "we deliver 120 boxes" comes from a Solawi, not a software cooperative
            actors = [a for a, arch in self.actors if arch["key"] == archetype and a.id != project.actor_id]
            if actors:
                actor = self.rng.choice(actors)
                return self.rng.choice(self.people[actor.id]), actor, None
        if kind == "offer":
            wanted = {tag.name for tag in project.tags + project.competencies}
            offers = [
                (actor, offering)
                for actor, _ in self.actors
                if actor.id != project.actor_id
                for offering in actor.offerings
                if offering.kind == "offer" and wanted & {t.name for t in offering.tags}
            ]
            if offers:
                actor, offering = self.rng.choice(offers)
                return self.rng.choice(self.people[actor.id]), actor, offering
        author = self.rng.choice(self.outsiders(project))
        actor = next(m.actor for m in author.memberships) if self.rng.random() < 0.5 else None
        return author, actor, None

    def replies(self, project: Project, parent: Feedback, force: bool = False) -> None:
        if parent.depth >= MAX_DEPTH:
            return
        choices, weights = REPLY_WEIGHTS[parent.depth]
        count = max(self.rng.choices(choices, weights)[0], 1 if force else 0)
        for _ in range(count):
            if parent.author_id != project.author_id and self.rng.random() < 0.6:
                author, body = project.author, self.rng.choice(data.AUTHOR_REPLIES)
            else:
                author, body = self.rng.choice(self.outsiders(project)), self.rng.choice(data.OTHER_REPLIES)
            reply = self.post(project, parent, author, body)
            self.replies(project, reply)

    def post(self, project, parent, author, body, kind=None, actor=None, offering=None) -> Feedback:
        """Plan one item of the thread; insert_thread writes it once its parent has an id."""
        self.clock = min(self.clock + timedelta(hours=self.rng.randint(2, 40)), self.now - timedelta(hours=1))
        item = Feedback(
            project_id=project.id,
            depth=parent.depth + 1 if parent else 0,
            author_id=author.id,
            actor_id=actor.id if actor else None,
            kind=kind,
            body=body,
            body_html=str(render_markdown(body)),
            offering_id=offering.id if offering else None,
            created_at=self.clock,
        )
        self.thread.append((item, parent))
        return item

    def insert_thread(self) -> None:
        """Write the planned items level by level: one flush per depth instead of one per item."""
        for depth in range(MAX_DEPTH + 1):
            level = [(item, parent) for item, parent in self.thread if item.depth == depth]
            for item, parent in level:
                item.parent_id = parent.id if parent else None
                db.session.add(item)
            db.session.flush()
        for item, _parent in self.thread:
            self.helpful_marks(item)
            self.feedback.append(item)

    def helpful_marks(self, item: Feedback) -> None:
        if self.rng.random() > (0.45 if item.depth == 0 else 0.15):
            return
        voters = self.rng.sample([u for u in self.users if u.id != item.author_id], k=self.rng.randint(1, 5))
        for voter in voters:
            db.session.add(HelpfulMark(user_id=voter.id, feedback_id=item.id, created_at=item.created_at))
        item.helpful_count = len(voters)

    def seed_updates(self, project: Project, template: dict) -> None:
        open_items = [
            f
            for f in self.feedback
            if f.project_id == project.id and f.kind in ("question", "concern", "idea")
        ]
        for version, (title, body, changes) in enumerate(template["updates"], start=1):
            self.clock = min(self.clock + timedelta(days=2), self.now - timedelta(minutes=30))
            update = ProjectUpdate(
                project=project,
                author_id=project.author_id,
                version=version,
                title=title,
                body=body,
                changes=changes,
                created_at=self.clock,
            )
            db.session.add(update)
            db.session.flush()
            for item in open_items[version - 1 :: 2][:2]:
                item.addressed_in_id = update.id
            project.last_activity_at = self.clock

    def seed_notifications(self, projects: list[Project]) -> None:
        member = self.member
        notices = []
        for item in self.feedback:
            if item.author_id == member.id:
                continue
            parent = db.session.get(Feedback, item.parent_id) if item.parent_id else None
            if parent is not None and parent.author_id == member.id:
                notices.append(("reply", item))
            elif parent is None and item.project.author_id == member.id:
                notices.append(("feedback", item))
        for kind, item in notices[:8]:
            read = item.created_at if self.rng.random() < 0.4 else None
            db.session.add(
                Notification(
                    user_id=member.id,
                    kind=kind,
                    by_user_id=item.author_id,
                    project_id=item.project_id,
                    feedback_id=item.id,
                    created_at=item.created_at,
                    read_at=read,
                )
            )
        followed = next(p for p in projects if p.updates and p.author_id != member.id)
        if db.session.get(Follow, (member.id, followed.id)) is None:
            db.session.add(Follow(user_id=member.id, project_id=followed.id, created_at=followed.created_at))
        for update in followed.updates:
            db.session.add(
                Notification(
                    user_id=member.id,
                    kind="update",
                    by_user_id=update.author_id,
                    project_id=followed.id,
                    update_id=update.id,
                    created_at=update.created_at,
                )
            )
        db.session.flush()
