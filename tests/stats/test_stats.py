"""The statistics page: counts per category, accessible SVG with tables, and only what the viewer may see."""

import re

from innovex.models import Sector
from innovex.stats import queries
from tests.factories import login, make_actor, make_offering, make_user
from tests.project_factories import make_project


def test_counts_by_kind_sector_and_country(app, db):
    it = db.session.query(Sector).filter_by(slug="it").one()
    for n in range(3):
        make_actor(f"P{n}", kind="platform_coop", country="AT").sectors = [it]
    make_actor("C", kind="cooperative", legal_form="eg")
    make_actor("Hidden", kind="research", status="hidden")
    db.session.commit()
    assert dict(queries.by_kind()) == {"Platform cooperative": 3, "Cooperative": 1}
    assert dict(queries.by_sector()) == {"Software and IT": 3}
    assert dict(queries.by_country()) == {"Austria": 3, "Germany": 1}
    assert dict(queries.by_legal_form())["eG (registered cooperative)"] == 1
    years = queries.growth_by_year()
    assert years[-1][2] == 4


def test_page_has_accessible_charts_and_tables(client, db):
    make_actor("Eins", kind="cooperative")
    page = client.get("/statistics/").get_data(as_text=True)
    assert '<svg role="img" aria-labelledby="chart-kind-title chart-kind-desc"' in page
    assert '<title id="chart-kind-title">Organisations by kind</title>' in page
    assert '<th scope="row">Cooperative</th><td class="number">1</td>' in page
    assert "style=" not in page


def test_the_tables_wait_behind_a_disclosure(client, db):
    make_actor("Eins", kind="cooperative")
    page = client.get("/statistics/").get_data(as_text=True)
    tables = page.count("<table")
    assert tables >= 5
    assert page.count('<details class="chart-details">') == tables  # the page shows charts, tables on demand


def test_long_labels_wrap_instead_of_being_cut_off(client, db):
    culture = db.session.query(Sector).filter(Sector.label_de.like("Kultur, Medien%")).one()
    actor = make_actor("Bühne eG", kind="cooperative")
    actor.sectors = [culture]
    db.session.commit()
    page = client.get("/statistics/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    labels = re.findall(r'<text [^>]*class="chart-label">(.*?)</text>', page, re.S)
    assert labels and not [label for label in labels if "…" in label]
    words = [re.sub(r"<[^>]+>", " ", label).split() for label in labels]
    assert culture.label_de.split() in words  # every word of the label, over two lines


def test_private_fields_count_only_for_those_who_may_see_them(client, db):
    member = make_user()
    secret = make_actor(
        "Leise", postcode="20095", country="DE", visibility={"location": "private", "offerings": "private"}
    )
    from innovex.models import Membership

    db.session.add(Membership(user=member, actor=secret, role="member"))
    db.session.commit()
    make_offering(secret, tags=["geheim"])
    make_actor("Laut", postcode="10115", country="DE")
    page = client.get("/statistics/").get_data(as_text=True)
    assert "DE 10" in page and "DE 20" not in page and "geheim" not in page
    login(client, member)
    page = client.get("/statistics/").get_data(as_text=True)
    assert "DE 20" in page and "geheim" in page


def test_projects_by_stage_counts_public_projects_only(app, db):
    author = make_user()
    actor = make_actor(owner=author)
    make_project(actor, author, stage="pilot")
    make_project(actor, author, stage="pilot", visibility="network")
    assert dict(queries.projects_by_stage())["Pilot"] == 1


def test_offers_and_needs_by_tag(app, db):
    actor = make_actor()
    make_offering(actor, tags=["software"])
    make_offering(actor, tags=["software"], kind="need")
    make_offering(actor, tags=["druck"])
    assert queries.offerings_by_tag(None) == [("software", 1, 1), ("druck", 1, 0)]
