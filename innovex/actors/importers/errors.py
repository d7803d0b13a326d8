"""The error of a file that cannot be imported at all (its format unknown, its JSON broken)."""


class ImportFileError(Exception):
    """A problem with the whole file, not with one of its records; the message is for the operator."""
