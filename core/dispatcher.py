"""`Dispatcher`: runs a turn through the middlewares, asks the parser for an intent and calls the handler."""
from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from core import logs, metrics
from core.context import Context, Services
from core.errors import BadInput, Unavailable, UserError
from core.replies import Card, Reply, Text, as_list
from core.router import Handler, Router, RouteTable
from core.turn import Turn

log = logging.getLogger(__name__)
Next = Callable[[Context], Awaitable[list[Reply]]]
Middleware = Callable[[Context, Next], Awaitable[list[Reply]]]
# A dependency that does not answer (as opposed to a bug, or a constraint doing its job).
INFRA_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, PoolTimeout, ConnectionError,
                                                   OSError, TimeoutError)


class Dispatcher:
    def __init__(self, services: Services, routers: Sequence[Router],
                 middlewares: Sequence[Middleware] | None = None) -> None:
        self.services = services
        self.routes = RouteTable(routers)  # raises DuplicateRoute at start-up
        self.middlewares: list[Middleware] = list(middlewares) if middlewares is not None else [
            dedup, identify, audit, friendly_errors, rate_limit, understand]

    async def handle(self, turn: Turn) -> list[Reply]:
        """Replies for one turn. Raises `Unavailable` when the database or store is down (retry later)."""
        token = logs.turn_id.set(turn.id)
        started = time.perf_counter()
        ctx = Context(turn=turn, services=self.services)
        try:
            replies = await self._chain(0)(ctx)
        except Unavailable:
            ctx.outcome = "unavailable"
            raise
        except INFRA_ERRORS as error:
            ctx.outcome = "unavailable"
            log.error("turn %s failed: a dependency is down: %s", turn.id, type(error).__name__)
            raise Unavailable(str(error)) from error
        finally:
            intent = _intent_label(ctx)
            metrics.TURNS.labels(turn.address.channel, intent, ctx.outcome).inc()
            metrics.HANDLER_SECONDS.labels(intent).observe(time.perf_counter() - started)
            logs.turn_id.reset(token)
        return replies

    def _chain(self, index: int) -> Next:
        if index == len(self.middlewares):
            return self._route

        async def call(ctx: Context) -> list[Reply]:
            return await self.middlewares[index](ctx, self._chain(index + 1))

        return call

    async def _route(self, ctx: Context) -> list[Reply]:
        handler: Handler | None
        if ctx.action is not None:
            handler = self.routes.actions.get(ctx.action.id)
        else:
            assert ctx.intent is not None
            handler = self.routes.intents.get(ctx.intent.name)
            if handler is None:
                ctx.outcome = "not_enabled"
                return [Text("I understood that, but this feature is not enabled on this deployment. "
                             "Say \"help\" to see what I can do here.")]
        if handler is None:
            raise UserError("That button is not valid any more.")
        replies = as_list(await handler(ctx))
        await _issue_buttons(ctx, replies)
        return replies


def _intent_label(ctx: Context) -> str:
    if ctx.action is not None:
        return f"action:{ctx.action.id}"
    return ctx.intent.name if ctx.intent else ("press" if ctx.turn.is_press else "none")


async def _issue_buttons(ctx: Context, replies: list[Reply]) -> None:
    chat = f"{ctx.turn.address.channel}:{ctx.turn.address.chat_id}"
    for reply in replies:
        if isinstance(reply, Card) and reply.actions:
            for action in reply.actions:
                if action.owner is None and ctx.actor is not None and not action.shared:
                    action.owner = ctx.actor.id
            await ctx.services.buttons.issue_all(reply.actions, chat)


# middlewares ---------------------------------------------------------------------------------------


async def dedup(ctx: Context, call_next: Next) -> list[Reply]:
    """A redelivered inbound id (webhook retry, double submit) gets no second effect."""
    inbound = ctx.turn.inbound_id
    if not inbound:
        return await call_next(ctx)
    key = f"inbound:{ctx.turn.address.channel}:{inbound}"
    store = ctx.services.store
    if not await store.set_if_absent(key, ctx.turn.id, ctx.settings.dedup_ttl_seconds):
        ctx.outcome = "duplicate"
        return []
    try:
        return await call_next(ctx)
    except BaseException:
        await _forget(store, key)  # not handled: let the redelivery do it
        raise


async def _forget(store: object, key: str) -> None:
    try:
        await store.delete(key)  # type: ignore[attr-defined]
    except INFRA_ERRORS:
        log.warning("could not release dedup key %s", key)


async def identify(ctx: Context, call_next: Next) -> list[Reply]:
    ctx.actor, ctx.chat = await ctx.services.identity.resolve(ctx.turn.address, ctx.turn.sender)
    return await call_next(ctx)


async def audit(ctx: Context, call_next: Next) -> list[Reply]:
    try:
        return await call_next(ctx)
    finally:
        if ctx.outcome not in ("unavailable", "duplicate"):
            detail = dict(ctx.detail)
            if ctx.intent is not None:
                detail.update(parser=ctx.intent.parser, reason=ctx.intent.reason,
                              confidence=round(ctx.intent.confidence, 2))
            try:
                await ctx.services.audit.record(
                    turn_id=ctx.turn.id, user_id=ctx.actor.id if ctx.actor else None,
                    channel=ctx.turn.address.channel, chat=ctx.turn.address.chat_id, intent=_intent_label(ctx),
                    outcome=ctx.outcome, detail=detail)
            except INFRA_ERRORS:
                log.error("audit record for turn %s could not be written", ctx.turn.id)


async def friendly_errors(ctx: Context, call_next: Next) -> list[Reply]:
    """Domain errors become their message; anything unexpected becomes an apology with a reference id."""
    try:
        return await call_next(ctx)
    except UserError as error:
        ctx.outcome = error.outcome
        return [Text(error.message, alert=ctx.turn.is_press)]
    except Unavailable:
        raise
    except INFRA_ERRORS:
        raise
    except Exception:
        ctx.outcome = "error"
        log.exception("turn %s failed", ctx.turn.id)
        return [Text(f"Sorry, something went wrong on my side. If it keeps happening, give an admin this "
                     f"reference: {ctx.turn.id}")]


async def rate_limit(ctx: Context, call_next: Next) -> list[Reply]:
    limit = ctx.settings.rate_limit_per_minute
    actor = ctx.require_actor()
    count = await ctx.services.store.incr_window(f"rate:{actor.id}", 60)
    if count > limit:
        ctx.outcome = "rate_limited"
        if count == limit + 1:  # say it once per window, then stay quiet
            return [Text("You're sending messages faster than I can keep up with. Please wait a minute.")]
        return []
    return await call_next(ctx)


async def understand(ctx: Context, call_next: Next) -> list[Reply]:
    """Resolve a pressed button, or parse the text into an intent."""
    turn = ctx.turn
    actor = ctx.require_actor()
    if turn.button_key is not None:
        ctx.action = await ctx.services.buttons.resolve(
            turn.button_key, f"{turn.address.channel}:{turn.address.chat_id}", actor.id)
        return await call_next(ctx)
    text = turn.text.strip()
    if not text:
        raise BadInput("I got an empty message. Tell me what you spent, e.g. \"lunch 250 tk\", or say \"help\".")
    if len(text) > ctx.settings.max_message_chars:
        raise BadInput(f"That message is too long for me ({len(text):,} characters; the limit is "
                       f"{ctx.settings.max_message_chars:,}). Please send something shorter.")
    ctx.intent = await ctx.services.parser.parse(
        text, mentions=turn.mentions, now=turn.received_at, tz=ctx.settings.timezone, user_key=str(actor.id))
    return await call_next(ctx)

