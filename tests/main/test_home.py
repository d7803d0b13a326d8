"""The start page: what the network holds, in few queries however much it holds."""

from tests.factories import counted_statements, login, make_actor, make_offering, make_user
from tests.project_factories import make_project


def _network(size: int) -> None:
    for _ in range(size):
        owner = make_user()
        actor = make_actor(owner=owner)
        make_offering(actor, kind="offer")
        make_offering(actor, kind="need")
        make_project(actor, owner)
        make_project(actor, owner, featured=True)  # both project lists of the page have rows


def test_the_counts_show_what_the_viewer_may_see(client, db):
    _network(2)
    owner = make_user()
    hidden = make_actor(owner=owner, status="hidden")
    make_offering(hidden, kind="offer")
    make_project(hidden, owner)
    make_project(make_actor(owner=owner), owner, visibility="draft")
    page = " ".join(client.get("/").get_data(as_text=True).split())
    for label, number in (("Organisations", 3), ("Projects", 4), ("Offers", 2), ("Needs", 2)):
        assert f"<dt>{label}</dt><dd>{number}</dd>" in page


def _selects_for_home(client) -> int:
    client.get("/")  # the first request after new rows also brings the search index up to date
    with counted_statements() as seen:
        assert client.get("/").status_code == 200
    return len(seen)


def test_the_home_page_runs_the_same_queries_for_a_small_and_a_larger_network(client, db):
    _network(1)
    few = _selects_for_home(client)
    _network(8)
    assert _selects_for_home(client) == few <= 7


def test_a_member_sees_the_page_in_few_queries_too(client, db):
    _network(3)
    member = make_user()
    login(client, member)
    assert _selects_for_home(client) <= 9
