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


class Unavailable(Exception):
    """An infrastructure dependency (database, store) did not answer; the turn must be retried later."""
