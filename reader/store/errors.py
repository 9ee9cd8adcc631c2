"""Errors the store raises; each message is one line naming the value at fault."""


class StoreError(Exception):
    """Any failure of the library the user should see as a one-line message."""


class NotFound(StoreError):
    """No article matches the given reference."""


class Ambiguous(StoreError):
    """Several articles match the given reference."""
