"""Solutions in the site search: found by title, building block and text, shown as solutions, out of the
index when hidden or when their project is no longer public; the same tests run on PostgreSQL
(test_solution_search_postgres.py)."""

from innovex.extensions import db
from innovex.solutions import services
from innovex.solutions.services import Block
from tests.factories import login_as
from tests.search.search_helpers import drain
from tests.solutions.solution_factories import make_solution


def _search(client, text, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return client.get(f"/search/?q={text}&{query}").get_data(as_text=True)


def test_a_solution_is_found_by_its_title_and_building_blocks(client, people):
    solution = make_solution(
        people["project"],
        people["owner"],
        title="Lastenrad-Buchungssystem",
        blocks=[Block("Schlossadapter", "öffnet Fahrradschlösser per App")],
    )
    drain()
    page = _search(client, "Buchungssystem")
    assert f'href="/solutions/{solution.slug}"' in page
    assert f'href="/solutions/{solution.slug}"' in _search(client, "Schlossadapter")
    assert "Solutions (1)" in _search(client, "Schlossadapter")
    page = _search(client, "Schlossadapter", type="solution")
    assert f'href="/solutions/{solution.slug}"' in page


def test_hidden_solutions_and_those_of_drafts_are_not_found(client, people):
    solution = make_solution(people["project"], people["owner"], title="Lastenrad-Buchungssystem")
    drain()
    services.set_hidden(solution, people["moderator"], True)
    db.session.commit()
    drain()
    assert f'href="/solutions/{solution.slug}"' not in _search(client, "Buchungssystem")
    login_as(client, people["owner"])  # not even its owners find a hidden one (they see it on its page)
    assert f'href="/solutions/{solution.slug}"' not in _search(client, "Buchungssystem")

    services.set_hidden(solution, people["moderator"], False)
    db.session.commit()
    drain()
    login_as(client, None)
    assert f'href="/solutions/{solution.slug}"' in _search(client, "Buchungssystem")
    people["project"].visibility = "draft"  # the project's change re-indexes its solutions
    db.session.commit()
    drain()
    assert f'href="/solutions/{solution.slug}"' not in _search(client, "Buchungssystem")


def test_a_solution_of_a_network_project_is_found_by_members_only(client, people):
    people["project"].visibility = "network"
    db.session.commit()
    solution = make_solution(people["project"], people["owner"], title="Lastenrad-Buchungssystem")
    drain()
    assert f'href="/solutions/{solution.slug}"' not in _search(client, "Buchungssystem")
    login_as(client, people["bystander"])
    assert f'href="/solutions/{solution.slug}"' in _search(client, "Buchungssystem")


def test_check_and_rebuild_know_solutions(client, people):
    from innovex.search import maintenance

    solution = make_solution(people["project"], people["owner"], title="Lastenrad-Buchungssystem")
    drain()
    assert maintenance.check(repair=False).drift == 0
    assert maintenance.rebuild() >= 1
    assert maintenance.check(repair=False).drift == 0
    assert f'href="/solutions/{solution.slug}"' in _search(client, "Buchungssystem")
