"""The organisation test helpers serve the offerings tests too."""

from tests.actors.conftest import _cheap_password_hashes, _user_per_request, cast  # noqa: F401
