"""Partner matching says "built a solution for this need" where a suggested organisation built a solution
of the library that answers one of the project's needs; runs on the app's search engine."""

from innovex.matching.engine import suggestions_for
from innovex.solutions import services
from innovex.solutions.services import Block, SolutionInput
from tests.factories import make_actor, make_offering, make_user
from tests.project_factories import make_project
from tests.search.search_helpers import drain


def _world():
    owner, builder_owner = make_user(), make_user()
    home = make_actor("Kiezlieferung eG", owner=owner)
    bikes = make_actor("Lastenrad Kollektiv eG", owner=builder_owner)
    make_offering(bikes, title="Lastenrad-Logistik", description="Wir liefern per Lastenrad.")
    finished = make_project(bikes, builder_owner, title="Lastenrad-Verleih", stage="completed")
    project = make_project(
        home,
        title="Zustellung im Kiez",
        summary="Pakete ohne Auto",
        needs=["Buchungskalender"],
        tags=["lastenrad"],
    )
    return owner, bikes, finished, project, builder_owner


def test_a_matching_solution_is_named_among_the_reasons(client, db):
    owner, bikes, finished, project, builder_owner = _world()
    solution = services.publish_solution(
        finished,
        builder_owner,
        SolutionInput(
            title="Lastenrad-Buchung",
            summary="Räder stundenweise buchen.",
            blocks=[Block("Buchungskalender", "reserviert Räder")],
        ),
    )
    db.session.commit()
    drain()
    suggestion = next(s for s in suggestions_for(project, owner) if s.actor == bikes)
    assert suggestion.solution == solution
    assert (
        suggestion.reasons[0]
        == "built a solution for this need: “Lastenrad-Buchung” (Buchungskalender, lastenrad)"
    )

    services.set_hidden(solution, make_user(role="moderator"), True)
    db.session.commit()
    suggestion = next(s for s in suggestions_for(project, owner) if s.actor == bikes)
    assert suggestion.solution is None
    assert not any("built a solution" in reason for reason in suggestion.reasons)


def test_a_solution_that_answers_no_need_is_not_mentioned(client, db):
    owner, bikes, finished, project, builder_owner = _world()
    services.publish_solution(finished, builder_owner, SolutionInput(title="Solardach", summary="Strom."))
    db.session.commit()
    drain()
    suggestion = next(s for s in suggestions_for(project, owner) if s.actor == bikes)
    assert suggestion.solution is None
