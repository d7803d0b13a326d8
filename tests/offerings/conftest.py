"""The organisation tests' cast serves the offerings tests too."""

from tests.actors.conftest import cast  # noqa: F401
