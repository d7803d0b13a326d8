import pytest
import sqlalchemy as sa
from werkzeug.security import check_password_hash

from innovex.extensions import db
from innovex.models import LoginSession
from tests.auth.helpers import user_by_email, user_rows
from tests.factories import make_user, session_token

GOOD = "a long and unusual passphrase"


def test_create_with_password(runner):
    result = runner.invoke(
        args=["users", "create", "--email", " Admin@Example.org", "--name", "Ada Admin", "--role", "admin",
              "--password", GOOD]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Created ")
    assert "admin@example.org" in result.output and "@ada-admin" in result.output
    user = user_by_email("admin@example.org")
    assert user.role == "admin" and check_password_hash(user.password_hash, GOOD)


def test_create_prompts_for_hidden_confirmed_password(runner):
    result = runner.invoke(
        args=["users", "create", "--email", "mo@example.org", "--name", "Mo", "--role", "moderator"],
        input=f"{GOOD}\n{GOOD}\n",
    )
    assert result.exit_code == 0, result.output
    assert GOOD not in result.output
    assert "Repeat for confirmation" in result.output
    assert user_by_email("mo@example.org").role == "moderator"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "taken@example.org", "--name", "T", "--password", GOOD], "exists already"),
        (["--email", "not-an-email", "--name", "T", "--password", GOOD], "valid email"),
        (["--email", "new@example.org", "--name", "T", "--password", "password1"], "commonly used"),
        (["--email", "new@example.org", "--name", "T", "--password", "short"], "at least 8"),
        (["--email", "new@example.org", "--name", "T", "--password", GOOD, "--role", "king"], "Unknown role"),
        (["--email", "new@example.org", "--name", "  ", "--password", GOOD], "name"),
    ],
)
def test_create_refuses_bad_input(runner, args, message):
    make_user("taken@example.org")
    before = user_rows()
    result = runner.invoke(args=["users", "create", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert user_rows() == before


def test_set_role(runner):
    make_user("anna@example.org")
    result = runner.invoke(args=["users", "set-role", "ANNA@example.org", "moderator"])
    assert result.exit_code == 0, result.output
    assert "moderator" in result.output
    assert user_by_email("anna@example.org").role == "moderator"


@pytest.mark.parametrize(("email", "role"), [("nobody@example.org", "admin"), ("anna@example.org", "king")])
def test_set_role_refuses(runner, email, role):
    make_user("anna@example.org")
    before = user_rows()
    result = runner.invoke(args=["users", "set-role", email, role])
    assert result.exit_code == 1
    assert user_rows() == before


def test_list(runner):
    make_user("anna@example.org", display_name="Anna")
    make_user("ben@example.org", display_name="Ben", role="admin")
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert "anna@example.org" in lines[0] and "member" in lines[0]
    assert "ben@example.org" in lines[1] and "admin" in lines[1]


def test_the_operator_can_reset_two_factor_login(runner, app):
    user = make_user("lost@example.org", two_factor=True)
    session_token(user)
    result = runner.invoke(args=["users", "reset-two-factor", "Lost@Example.org"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert not user_by_email("lost@example.org").two_factor_enabled
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 0
    again = runner.invoke(args=["users", "reset-two-factor", "lost@example.org"])
    assert again.exit_code != 0 and "not switched on" in again.output
    assert "No account" in runner.invoke(args=["users", "reset-two-factor", "nobody@example.org"]).output
