"""Errors that end a run with exit code 2: the user's setup, not a dossier, is wrong."""


class UsageError(Exception):
    """A configuration, house-rules or command-line problem; str() is the one-line message."""
