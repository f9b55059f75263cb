"""Teams transport on botbuilder's CloudAdapter: /api/messages, authentication, turns answered in the activity."""
from __future__ import annotations

import base64
import binascii
import contextvars
import json
import logging
from types import SimpleNamespace

from aiohttp import web
from botbuilder.core import ActivityHandler, InvokeResponse, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ChannelAccount

from bots.teams.mapping import CHANNEL, message_turn, press_turn, pressed_key, tenant_of
from bots.teams.notifier import TeamsNotifier
from bots.teams.render import invoke_refusal, invoke_response, to_activity
from bots.teams.signing_keys import RETRY_FAILED_FETCH_SECONDS, KeysUnavailable, install
from core import safe_json
from core.config import Settings
from core.context import Services
from core.dispatcher import Dispatcher
from core.errors import Unavailable
from core.replies import Reply
from core.turn import Turn

log = logging.getLogger(__name__)
TURN_STARTED: contextvars.ContextVar[bool] = contextvars.ContextVar("teams_turn_started", default=False)
GREETING = ("Hi! I'm Switchboard. Tell me what you spent (\"lunch 250 tk\"), split with @mentions, or say "
            "\"help\". In channels, @mention me.")


def make_adapter(settings: Settings) -> CloudAdapter:
    install(settings.microsoft_keys_timeout_seconds)
    password = settings.microsoft_app_password.get_secret_value() if settings.microsoft_app_password else ""
    config = SimpleNamespace(APP_ID=settings.microsoft_app_id, APP_PASSWORD=password,
                             APP_TYPE=settings.microsoft_app_type, APP_TENANTID=settings.microsoft_app_tenant_id)
    return CloudAdapter(ConfigurationBotFrameworkAuthentication(config))


def _looks_like_jwt(header: str) -> bool:
    scheme, _, token = header.partition(" ")
    parts = token.split(".")
    if scheme.lower() != "bearer" or len(parts) != 3:
        return False
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return False
    return isinstance(claims, dict) and {"iss", "aud"} <= set(claims)


class SwitchboardBot(ActivityHandler):
    def __init__(self, channel: TeamsChannel) -> None:
        self.channel = channel

    async def on_turn(self, turn_context: TurnContext) -> None:
        TURN_STARTED.set(True)  # authentication has passed once the adapter hands us the turn
        await super().on_turn(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        await self.channel.remember(activity)
        key = pressed_key(activity)
        if key is not None:  # Action.Submit arrives as a message carrying the key
            replies = await self.channel.dispatch(press_turn(activity, key))
            await self.channel.send(turn_context, replies, edit=activity.reply_to_id)
            return
        await self.channel.send(turn_context, await self.channel.dispatch(message_turn(activity)))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        activity = turn_context.activity
        if activity.name != "adaptiveCard/action":
            return InvokeResponse(status=501)
        key = pressed_key(activity)
        if key is None:  # an Execute beside a dropdown, with nothing chosen
            return invoke_refusal("Choose one of the options first.")
        await self.channel.remember(activity)
        return invoke_response(await self.channel.dispatch(press_turn(activity, key)))

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if any(m.id == activity.recipient.id for m in members_added):
            await self.channel.remember(activity)
            await self.channel.services.conversations.mark_alive(CHANNEL, activity.conversation.id)
            await turn_context.send_activity(MessageFactory.text(GREETING))

    async def on_members_removed_activity(self, members_removed: list[ChannelAccount],
                                          turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if any(m.id == activity.recipient.id for m in members_removed):
            await self.channel.services.conversations.mark_dead(CHANNEL, activity.conversation.id, "bot removed")


class TeamsChannel:
    """The Teams `Channel`: turns answered within their activity, proactive messages through `TeamsNotifier`."""

    name = CHANNEL

    def __init__(self, settings: Settings, dispatcher: Dispatcher, services: Services,
                 adapter: CloudAdapter | None = None) -> None:
        self.settings = settings
        self.dispatcher = dispatcher
        self.services = services
        self.adapter = adapter or make_adapter(settings)
        self.bot = SwitchboardBot(self)
        self.notifier = TeamsNotifier(self.adapter, services.conversations, settings.microsoft_app_id)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/api/messages", self.messages)

    def render(self, reply: Reply) -> Activity:
        return to_activity(reply)

    async def start(self, receive: bool = True, register: bool = True) -> None:
        log.info("teams channel ready (%s)", "authenticated" if self.settings.microsoft_app_id else "open: no app id")

    async def stop(self) -> None:
        return None

    async def messages(self, request: web.Request) -> web.StreamResponse:
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.json_response({"error": "expected application/json"}, status=415)
        try:  # bounded nesting: a hostile body must not exhaust the parser's recursion
            body = safe_json.loads(await request.read())
        except safe_json.MalformedJson as error:
            return web.json_response({"error": f"body is not an activity: {error}"}, status=400)
        if self.settings.microsoft_app_id and not _looks_like_jwt(request.headers.get("Authorization", "")):
            # botbuilder verifies the signature; a header that is not even a JWT is turned away here (botbuilder
            # itself fails on some malformed tokens with an error instead of a 401)
            return web.json_response({"error": "a Bot Framework bearer token is required"}, status=401)
        tenants = self.settings.microsoft_allowed_tenants
        tenant = ((body.get("channelData") or {}).get("tenant") or {}).get("id") if isinstance(body, dict) else None
        if tenants and tenant not in tenants:
            return web.json_response({"error": "tenant not allowed"}, status=403)
        TURN_STARTED.set(False)
        try:
            response = await self.adapter.process(request, self.bot)
        except KeysUnavailable:
            return web.json_response({"error": "the sign-in check is unavailable, try again later"}, status=503,
                                     headers={"Retry-After": str(int(RETRY_FAILED_FETCH_SECONDS))})
        except Unavailable:
            return web.json_response({"error": "try again later"}, status=503)
        except web.HTTPException as error:
            return web.json_response({"error": error.reason}, status=error.status)
        except Exception:
            if TURN_STARTED.get():
                raise
            # the token could not be verified (bad signature, keys unreachable): nothing was processed
            log.warning("Bot Framework authentication failed", exc_info=True)
            return web.json_response({"error": "authentication failed"}, status=401)
        return response or web.Response(status=201)

    async def dispatch(self, turn: Turn) -> list[Reply]:
        return await self.dispatcher.handle(turn)

    async def send(self, turn_context: TurnContext, replies: list[Reply], edit: str | None = None) -> None:
        for reply in replies:
            activity = self.render(reply)
            if edit and reply.replace:
                activity.id = edit
                await turn_context.update_activity(activity)
            else:
                await turn_context.send_activity(activity)

    async def remember(self, activity: Activity) -> None:
        """Store the conversation reference, always with the latest serviceUrl, for proactive messages."""
        reference = TurnContext.get_conversation_reference(activity).serialize()
        await self.services.conversations.remember(CHANNEL, activity.conversation.id,
                                                   service_url=activity.service_url, tenant_id=tenant_of(activity),
                                                   reference=reference)
