"""URL converters: integers in URLs stay within what the database can store."""

from werkzeug.routing import IntegerConverter

DATABASE_INT_MAX = 2**63 - 1


class DatabaseIntConverter(IntegerConverter):
    """`<int:id>` that does not match numbers beyond a 64-bit column, so they give a 404 instead of an
    OverflowError deep in the database driver."""

    def __init__(self, map, fixed_digits=0, min=None, max=DATABASE_INT_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
