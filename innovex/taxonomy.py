"""The network's taxonomies: the sectors and collaboration forms seeded into the database, keeping their
tables in step (used by the seed and tests), the rules for free tags, and the bilingual synonyms search and
matching share.

The fixed vocabularies whose values are stored in columns (kinds, stages, states) are innovex.vocab; licences,
with the rules that come with them, are innovex.licences.

Seed rows are (slug, German label, English label). Sectors start from the ESSGLOBAL activity vocabulary
(http://purl.org/essglobal/standard/activities), grouped to the level a cooperative network browses by.
Later changes get a migration, or are decided by the network's vote (governance)."""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import CollaborationForm, Proposal, Sector, Tag

SECTORS = [
    ("agriculture", "Landwirtschaft und Ernährung", "Agriculture and food"),
    ("housing", "Wohnen", "Housing"),
    ("energy", "Energie", "Energy"),
    ("mobility", "Mobilität und Logistik", "Mobility and logistics"),
    ("it", "Software und IT", "Software and IT"),
    ("platforms", "Digitale Plattformen", "Digital platforms"),
    ("finance", "Finanzen und Versicherung", "Finance and insurance"),
    ("health", "Gesundheit und Pflege", "Health and care"),
    ("education", "Bildung und Forschung", "Education and research"),
    ("culture", "Kultur, Medien und Kreativwirtschaft", "Culture, media and creative industries"),
    ("retail", "Handel und Konsum", "Retail and consumption"),
    ("manufacturing", "Handwerk und Produktion", "Crafts and manufacturing"),
    ("consulting", "Beratung und Dienstleistungen", "Consulting and services"),
    ("social", "Soziale Dienste", "Social services"),
    ("environment", "Umwelt und Kreislaufwirtschaft", "Environment and circular economy"),
    ("tourism", "Tourismus und Gastronomie", "Tourism and hospitality"),
]

COLLABORATION_FORMS = [
    ("implementation", "Umsetzungspartner", "Implementation partner"),
    ("peer_feedback", "Peer-Feedback", "Peer feedback"),
    ("knowledge", "Wissensaustausch", "Knowledge exchange"),
    ("tenders", "Gemeinsame Ausschreibungen", "Joint tenders"),
    ("infrastructure", "Geteilte Infrastruktur", "Shared infrastructure"),
    ("funding", "Gemeinsame Finanzierung", "Joint funding"),
    ("pilot", "Pilotanwendung", "Pilot user"),
]

# Words and phrases that mean the same thing in German and English (or two ways of writing it), one group a
# line, for search and partner matching: a query or a need in one finds profiles written in the other. Kept
# small and general: the vocabulary of the networks innovex serves, not of one directory.
SYNONYMS = [
    ("fahrrad", "rad", "bike", "bicycle", "velo"),
    ("lastenrad", "lastenfahrrad", "transportrad", "cargo bike", "cargobike"),
    ("werkstatt", "workshop"),
    ("selbsthilfe", "self help", "do it yourself", "diy"),
    ("reparatur", "repair"),
    ("reparieren", "repair"),
    ("Reparaturcafé", "repair café"),
    ("wartung", "maintenance"),
    ("verleih", "rental", "hire"),
    ("Mobilität", "mobility"),
    ("lebensmittel", "food"),
    ("lebensmittelrettung", "food rescue", "foodsharing"),
    ("retten", "rescue"),
    ("verschwendung", "waste"),
    ("tafel", "food bank"),
    ("garten", "garden"),
    ("gemeinschaftsgarten", "community garden", "urban garden"),
    ("gemeinschaft", "community"),
    ("landwirtschaft", "agriculture", "farming"),
    ("solidarische landwirtschaft", "solawi", "community supported agriculture", "csa"),
    ("bauer", "landwirt", "farmer"),
    ("bauernmarkt", "wochenmarkt", "farmers market"),
    ("markt", "market"),
    ("permakultur", "permaculture"),
    ("weltladen", "world shop", "fair trade shop"),
    ("fairer handel", "fair trade", "fairtrade"),
    ("laden", "Geschäft", "shop", "store"),
    ("energie", "energy"),
    ("solarenergie", "solar energy", "photovoltaik", "photovoltaics"),
    ("erneuerbare energie", "renewable energy"),
    ("genossenschaft", "kooperative", "cooperative", "co operative", "coop"),
    ("energiegenossenschaft", "Bürgerenergie", "energy cooperative", "community energy"),
    ("wohnung", "wohnen", "housing"),
    ("wohnungsgenossenschaft", "wohnbaugenossenschaft", "housing cooperative"),
    ("studentisch", "studierende", "student"),
    ("zeitbank", "time bank", "timebank", "tauschring"),
    ("tausch", "exchange", "swap"),
    ("umsonstladen", "kostnixladen", "free shop", "give away shop"),
    ("secondhand", "second hand", "gebraucht", "used goods"),
    ("foodcoop", "food coop", "food cooperative", "lebensmittelkooperative"),
    ("ethisch", "ethical"),
    ("finanzierung", "finance", "financing"),
    ("mikrokredit", "microcredit", "microfinance"),
    ("kredit", "credit"),
    ("sparen", "spar", "savings"),
    ("kreditgenossenschaft", "credit union", "credit cooperative"),
    ("kaffee", "coffee"),
    ("entwicklung", "development"),
    ("bildung", "education", "training"),
    ("umwelt", "environment", "environmental"),
    ("umweltbildung", "environmental education"),
    ("schulung", "ausbildung", "training"),
    ("nachbarschaft", "neighbourhood", "neighborhood"),
    ("jugend", "youth", "young people"),
    ("Gemeinschaftsbüro", "coworking", "shared office"),
]


def sync_taxonomies() -> int:
    """Insert missing sectors and collaboration forms and refresh their labels; returns rows added. What the
    data cooperative decided (a renamed label, a merged or retired entry) stays as decided."""
    added = 0
    for target, model, rows in (
        ("sector", Sector, SECTORS),
        ("collaboration_form", CollaborationForm, COLLABORATION_FORMS),
    ):
        existing = {item.slug: item for item in db.session.scalars(sa.select(model))}
        decided = _decided_by_vote(target)
        for slug, label_de, label_en in rows:
            item = existing.get(slug)
            if slug in decided:
                continue
            if item is None:
                db.session.add(model(slug=slug, label_de=label_de, label_en=label_en))
                added += 1
            else:
                item.label_de, item.label_en = label_de, label_en
    db.session.flush()
    return added


def _decided_by_vote(target: str) -> set[str]:
    """Slugs of `target` whose label or existence an applied proposal of the data cooperative changed."""
    applied = db.session.scalars(
        sa.select(Proposal.change).where(Proposal.kind == "taxonomy", Proposal.applied_at.is_not(None))
    )
    return {
        change["name"]
        for change in applied
        if change.get("target") == target and change.get("operation") in ("rename", "merge", "retire")
    }


def normalise_tag(name: str) -> str:
    """A tag as written, single-spaced and cut to the column's length: "  Energie  Genossenschaft" ->
    "Energie Genossenschaft"."""
    return " ".join(name.split())[:60]


def tag_key(name: str) -> str:
    """What tags are compared by: the normalised name in lower case (as the names stored before tags kept
    their capitals, so those rows are their own keys)."""
    return normalise_tag(name).lower()


def tag_is(name: str) -> sa.ColumnElement[bool]:
    """The SQL condition "this tag, in any capitalisation", for filters on tags."""
    return Tag.key == tag_key(name)


def distinct_tags(names: Iterable[str]) -> list[str]:
    """The normalised names, one per tag in any capitalisation (its first spelling), in the order given."""
    seen: dict[str, str] = {}
    for name in map(normalise_tag, names):
        if name:
            seen.setdefault(tag_key(name), name)
    return list(seen.values())


def parse_tags(text: str | None) -> list[str]:
    """Split comma-separated user input into distinct tag names, as written, in the order given."""
    return distinct_tags((text or "").split(","))


def get_or_create_tags(names: list[str]) -> list[Tag]:
    """The Tag rows for tag names in any capitalisation, creating the missing ones as written. A tag stored
    all in lower case (as every tag was before capitals were kept) takes the capitals of a new spelling."""
    wanted = {tag_key(name): name for name in distinct_tags(names)}
    if not wanted:
        return []
    existing = {tag.key: tag for tag in db.session.scalars(sa.select(Tag).where(Tag.key.in_(wanted)))}
    tags = []
    for key, name in wanted.items():
        tag = existing.get(key)
        if tag is None:
            tag = existing[key] = Tag(name=name, key=key)
            db.session.add(tag)
        elif tag.name == key and name != key:
            tag.name = name
        tags.append(tag)
    return tags


def sectors_by_slug(slugs: list[str]) -> list[Sector]:
    """The sectors with these slugs; a DomainError next to the sectors field when one is unknown."""
    sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(slugs))))
    if len(sectors) != len(set(slugs)):
        raise DomainError(_("Please choose sectors from the list."), field="sectors")
    return sectors
