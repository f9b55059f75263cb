"""Which errors mean "a dependency is not answering" (retry later) rather than a bug or a refused write."""
from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout


class StoreUnavailable(ConnectionError):
    """The key-value store (Redis) did not answer."""


# Connection exceptions (08), operator intervention such as a shutdown or "starting up" (57), and
# insufficient resources (53): the server is going away or coming back, the statement itself was fine.
OUTAGE_SQLSTATE_CLASSES = ("08", "57", "53")
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, PoolTimeout, ConnectionError,
                                                  OSError, TimeoutError)


def is_outage(error: BaseException) -> bool:
    """True for a database or store that is down, restarting or unreachable: the work may be retried as is."""
    if isinstance(error, OUTAGE_ERRORS):
        return True
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        return _sqlstate(error.orig).startswith(OUTAGE_SQLSTATE_CLASSES) or _driver_lost(error.orig)
    return False


def _sqlstate(orig: BaseException | None) -> str:
    for candidate in (orig, getattr(orig, "__cause__", None)):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str):
            return code
    return ""


def _driver_lost(orig: BaseException | None) -> bool:
    """asyncpg reports a connection that went away mid-query as its own InterfaceError/ConnectionError kinds."""
    for candidate in (orig, getattr(orig, "__cause__", None)):
        if isinstance(candidate, ConnectionError | OSError | TimeoutError):
            return True
        if type(candidate).__name__ in ("ConnectionDoesNotExistError", "InterfaceError", "InternalClientError"):
            return True
    return False
