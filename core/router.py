"""`Router`: a feature's handlers for intents and button actions; duplicates fail when routers are joined."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from core.replies import Reply

if TYPE_CHECKING:
    from core.context import Context

HandlerResult = Reply | list[Reply] | None
Handler = Callable[["Context"], Awaitable[HandlerResult]]
H = TypeVar("H", bound=Handler)


class DuplicateRoute(RuntimeError):
    """Two handlers claim the same intent or action: a wiring mistake caught at start-up."""


class Router:
    def __init__(self, name: str) -> None:
        self.name = name
        self.intents: dict[str, Handler] = {}
        self.actions: dict[str, Handler] = {}
        self.open_actions: set[str] = set()

    def intent(self, *names: str) -> Callable[[H], H]:
        def register(handler: H) -> H:
            for name in names:
                _add(self.intents, name, handler, f"intent {name!r} in router {self.name!r}")
            return handler

        return register

    def action(self, *ids: str, open: bool = False) -> Callable[[H], H]:
        """`open=True`: the action is pressed through `open_key`s (any chat, no expiry, no owner): its handler
        checks the chat and the person itself."""

        def register(handler: H) -> H:
            for action_id in ids:
                _add(self.actions, action_id, handler, f"action {action_id!r} in router {self.name!r}")
                if open:
                    self.open_actions.add(action_id)
            return handler

        return register


def _add(table: dict[str, Handler], key: str, handler: Handler, what: str) -> None:
    if key in table:
        raise DuplicateRoute(f"{what} is registered twice")
    table[key] = handler


class RouteTable:
    """All routers of a deployment joined into one lookup; raises `DuplicateRoute` on any overlap."""

    def __init__(self, routers: Iterable[Router]) -> None:
        self.intents: dict[str, Handler] = {}
        self.actions: dict[str, Handler] = {}
        self.open_actions: set[str] = set()
        for router in routers:
            self.open_actions |= router.open_actions
            for name, handler in router.intents.items():
                _add(self.intents, name, handler, f"intent {name!r} (router {router.name!r})")
            for action_id, handler in router.actions.items():
                _add(self.actions, action_id, handler, f"action {action_id!r} (router {router.name!r})")
