"""The demo seed has two solutions with building blocks and links, one of them adopted by another project."""

import sqlalchemy as sa

from innovex.models import Solution


def test_the_demo_has_two_solutions_one_adopted(runner, db, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "2 solutions, 1 adopted" in result.output
    solutions = list(db.session.scalars(sa.select(Solution).order_by(Solution.published_at)))
    assert len(solutions) == 2
    assert all(s.blocks and s.links and s.builders for s in solutions)
    assert [len(s.adoptions) for s in solutions] == [0, 1]
    assert {s.licence for s in solutions} == {"AGPL-3.0-or-later", "EUPL-1.2"}
    page = client.get(f"/solutions/{solutions[1].slug}").get_data(as_text=True)
    assert solutions[1].adoptions[0].project.title in page
    assert f'href="/solutions/{solutions[1].slug}"' in client.get("/search/?q=Disposition").get_data(
        as_text=True
    )
