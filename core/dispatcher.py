"""`Dispatcher`: runs a turn through the middlewares, asks the parser for an intent and calls the handler."""
from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from core import logs, metrics
from core.context import Context, Services
from core.errors import BadInput, Unavailable, UserError
from core.intents import Intent
from core.outages import is_outage
from core.ratelimit import RateLimiter
from core.replies import Card, Reply, Text, as_list
from core.router import Handler, Router, RouteTable
from core.services.turns import Outgoing, Queued
from core.turn import Turn

log = logging.getLogger(__name__)
Next = Callable[[Context], Awaitable[list[Reply]]]
Middleware = Callable[[Context, Next], Awaitable[list[Reply]]]


@dataclass(frozen=True, slots=True)
class Settled:
    """A turn's replies and, when they were committed to the outbox, their queued rows (to send now)."""

    replies: list[Reply]
    queued: list[Queued]


class Dispatcher:
    def __init__(self, services: Services, routers: Sequence[Router],
                 middlewares: Sequence[Middleware] | None = None) -> None:
        self.services = services
        self.routes = RouteTable(routers)  # raises DuplicateRoute at start-up
        self.middlewares: list[Middleware] = list(middlewares) if middlewares is not None else [
            dedup, identify, audit, friendly_errors, rate_limit, understand]

    async def handle(self, turn: Turn) -> list[Reply]:
        """Replies for one turn. Raises `Unavailable` when the database or store is down (retry later)."""
        return (await self._run(Context(turn=turn, services=self.services))).replies

    async def settle(self, turn: Turn, render: Callable[[list[Reply]], list[Outgoing]]) -> Settled:
        """Run a turn and commit its rendered replies to the outbox together with its handled mark, so a crash
        at any point leaves either nothing done or everything recorded. The caller sends `queued` right away."""
        return await self._run(Context(turn=turn, services=self.services, render=render))

    async def _run(self, ctx: Context) -> Settled:
        turn = ctx.turn
        token = logs.turn_id.set(turn.id)
        started = time.perf_counter()
        try:
            replies = await self._chain(0)(ctx)
        except Unavailable:
            ctx.outcome = "unavailable"
            raise
        except Exception as error:
            if not is_outage(error):
                raise
            ctx.outcome = "unavailable"
            log.error("turn %s failed: a dependency is down: %s", turn.id, type(error).__name__)
            raise Unavailable(str(error)) from error
        finally:
            intent = _intent_label(ctx)
            metrics.TURNS.labels(turn.address.channel, intent, ctx.outcome).inc()
            metrics.HANDLER_SECONDS.labels(intent).observe(time.perf_counter() - started)
            logs.turn_id.reset(token)
        return Settled(replies, ctx.queued)

    def _chain(self, index: int) -> Next:
        if index == len(self.middlewares):
            return self._route

        async def call(ctx: Context) -> list[Reply]:
            return await self.middlewares[index](ctx, self._chain(index + 1))

        return call

    async def _route(self, ctx: Context) -> list[Reply]:
        handler: Handler | None
        if ctx.action is not None:
            opened_elsewhere = ctx.action.open and ctx.action.id not in self.routes.open_actions
            handler = None if opened_elsewhere else self.routes.actions.get(ctx.action.id)
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
    chat = ctx.turn.address.key
    for reply in replies:
        if isinstance(reply, Card) and reply.actions:
            for action in reply.actions:
                if action.owner is None and ctx.actor is not None and not action.shared:
                    action.owner = ctx.actor.id
            await ctx.services.buttons.issue_all(reply.actions, chat)


# middlewares ---------------------------------------------------------------------------------------


async def dedup(ctx: Context, call_next: Next) -> list[Reply]:
    """A redelivered inbound id (webhook retry, double submit) gets no second effect; a crashed run leaves no
    mark, so its redelivery runs from scratch. With a renderer, the replies commit with the mark."""
    turn = ctx.turn
    inbound, channel = turn.inbound_id, turn.address.channel
    journal = ctx.services.turns
    if not inbound:
        replies = await call_next(ctx)
        if ctx.render is not None:
            ctx.queued = await journal.queue(ctx.render(replies))
        return replies
    chat = turn.address.key
    if not await journal.begin(channel, inbound, turn.id, chat):
        ctx.outcome = "duplicate"
        return []
    try:
        replies = await call_next(ctx)
        queued = await journal.complete(channel, inbound, turn.id, chat, ctx.render(replies) if ctx.render else [])
    except BaseException:
        await journal.abandon(channel, inbound, turn.id, chat)  # not handled: let the redelivery do it
        raise
    if queued is None:  # a concurrent run of the same update committed first
        ctx.outcome = "duplicate"
        return []
    ctx.queued = queued
    return replies


async def identify(ctx: Context, call_next: Next) -> list[Reply]:
    ctx.actor, ctx.chat = await ctx.services.identity.resolve(ctx.turn.address, ctx.turn.sender)
    return await call_next(ctx)


async def audit(ctx: Context, call_next: Next) -> list[Reply]:
    """One row per answered turn. A turn that fails on an outage is not audited: its redelivery will be, and
    an audit row that cannot be written fails the turn (503, redelivered) rather than going missing."""
    replies = await call_next(ctx)
    detail = dict(ctx.detail)
    if ctx.intent is not None:
        detail.update(parser=ctx.intent.parser, reason=ctx.intent.reason, confidence=round(ctx.intent.confidence, 2))
    await ctx.services.audit.record(
        turn_id=ctx.turn.id, user_id=ctx.actor.id if ctx.actor else None, channel=ctx.turn.address.channel,
        chat=ctx.turn.address.chat_id, intent=_intent_label(ctx), outcome=ctx.outcome, detail=detail)
    return replies


async def friendly_errors(ctx: Context, call_next: Next) -> list[Reply]:
    """Domain errors become their message; anything unexpected becomes an apology with a reference id."""
    try:
        return await call_next(ctx)
    except UserError as error:
        ctx.outcome = error.outcome
        return [Text(error.message, alert=ctx.turn.is_press)]
    except Unavailable:
        raise
    except Exception as error:
        if is_outage(error):
            raise
        ctx.outcome = "error"
        log.exception("turn %s failed", ctx.turn.id)
        return [Text(f"Sorry, something went wrong on my side. If it keeps happening, give an admin this "
                     f"reference: {ctx.turn.id}")]


async def rate_limit(ctx: Context, call_next: Next) -> list[Reply]:
    """At most RATE_LIMIT_PER_MINUTE turns a person in any 60 seconds: one warning, then silence until a turn
    would be let through again."""
    actor = ctx.require_actor()
    allowed = await RateLimiter(ctx.services.store).hit(f"turns:{actor.id}", ctx.settings.rate_limit_per_minute, 60)
    if not allowed.ok:
        ctx.outcome = "rate_limited"
        if await ctx.services.store.set_if_absent(f"rate-warned:{actor.id}", "1", max(allowed.retry_after, 1)):
            return [Text("You're sending messages faster than I can keep up with. Please wait a minute.")]
        return []
    return await call_next(ctx)


async def understand(ctx: Context, call_next: Next) -> list[Reply]:
    """Resolve a pressed button, or parse the text into an intent."""
    turn = ctx.turn
    actor = ctx.require_actor()
    if turn.button_key is not None:
        ctx.action = await ctx.services.buttons.resolve(turn.button_key, turn.address.key, actor.id)
        return await call_next(ctx)
    if turn.attachment is not None:  # a file sent is a statement to import; a caption says nothing more
        ctx.intent = Intent("import_statement", 1.0, parser="channel", reason="a file was attached")
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

