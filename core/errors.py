"""Domain errors. Services raise them; one middleware turns them into the user's reply."""
from __future__ import annotations


class UserError(Exception):
    """An error whose message is meant for the person chatting, as is."""

    outcome = "rejected"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(UserError):
    outcome = "denied"


class DraftExpired(UserError):
    outcome = "expired"


class NotFound(UserError):
    outcome = "not_found"


class BadInput(UserError):
    outcome = "bad_input"


class NotACurrency(BadInput):
    """A currency code that is not in ISO 4217, as the person wrote it."""

    def __init__(self, code: str) -> None:
        super().__init__(f"I don't know the currency {code!r}. Use an ISO code such as BDT, USD or EUR.")


class DraftGone(NotFound):
    """A button names a draft that is not there (any more)."""

    def __init__(self, message: str = "I can't find that draft any more. Please send it again.") -> None:
        super().__init__(message)


class NotYours(NotAllowed):
    """Someone else's draft: only the person who wrote it may `verb` it (change, save, cancel)."""

    def __init__(self, verb: str) -> None:
        super().__init__(f"Only the person who wrote this can {verb} it.")


class Unavailable(Exception):
    """An infrastructure dependency (database, store) did not answer; the turn must be retried later."""
