from tests.auth.helpers import cheap_hashing, fresh_request_globals  # noqa: F401  (autouse fixtures)
