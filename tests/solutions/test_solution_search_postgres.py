"""The solutions' search tests again on PostgreSQL full-text search; skipped without
INNOVEX_TEST_DATABASE_URL."""

from tests.search.test_search_postgres import app, pytestmark  # noqa: F401 - the PostgreSQL app fixture
from tests.solutions.test_solution_search import (  # noqa: F401 - collected again here, on PostgreSQL
    test_a_solution_is_found_by_its_title_and_building_blocks,
    test_a_solution_of_a_network_project_is_found_by_members_only,
    test_check_and_rebuild_know_solutions,
    test_hidden_solutions_and_those_of_drafts_are_not_found,
)
