"""Teams transport on botbuilder's CloudAdapter: /api/messages, activities as Turns, cards, installs."""
from __future__ import annotations

import base64
import binascii
import contextvars
import json
import logging
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from aiohttp import web
from botbuilder.core import ActivityHandler, InvokeResponse, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ActivityTypes, AdaptiveCardInvokeResponse, Attachment, ChannelAccount
from sqlalchemy import select

from bots.teams.cards import adaptive_card, plain
from bots.teams.signing_keys import RETRY_FAILED_FETCH_SECONDS, KeysUnavailable, install
from core import safe_json
from core.config import Settings
from core.context import Services
from core.dispatcher import Dispatcher
from core.errors import Unavailable
from core.models import ConversationRef
from core.replies import Card, Document, Reply, Text
from core.turn import Address, Mention, Sender, Turn

log = logging.getLogger(__name__)
TURN_STARTED: contextvars.ContextVar[bool] = contextvars.ContextVar("teams_turn_started", default=False)
CHANNEL = "teams"
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
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


def address_of(activity: Activity) -> Address:
    conversation = activity.conversation
    kind = "private" if (conversation.conversation_type or "personal") == "personal" else "group"
    return Address(CHANNEL, conversation.id, kind, conversation.name or "")


def sender_of(activity: Activity) -> Sender:
    user: ChannelAccount = activity.from_property
    return Sender(user.id, user.name or user.id, None)


def mentions_of(activity: Activity) -> list[Mention]:
    """People @mentioned (not the bot), with their ids so they can be linked when they first write."""
    found = []
    for entity in activity.entities or []:
        if entity.type != "mention":
            continue
        data = entity.additional_properties if hasattr(entity, "additional_properties") else {}
        mentioned = (data or {}).get("mentioned") or getattr(entity, "mentioned", None) or {}
        if isinstance(mentioned, ChannelAccount):
            mentioned = {"id": mentioned.id, "name": mentioned.name}
        if mentioned.get("id") and mentioned.get("id") != activity.recipient.id:
            found.append(Mention(mentioned.get("name") or mentioned["id"], mentioned["id"]))
    return found


def pressed_key(activity: Activity) -> str | None:
    """The button key of an Action.Execute invoke or an Action.Submit message, if this activity is a press: the
    button's own, or the one chosen in the dropdown (`Input.ChoiceSet`) that the pressed Execute belongs to."""
    value = activity.value if isinstance(activity.value, dict) else None
    if value is None:
        return None
    data: Any = value
    if activity.type == ActivityTypes.invoke:
        action = value.get("action")
        data = action.get("data") if isinstance(action, dict) else None
    if not isinstance(data, dict):
        return None
    key = data.get("key")
    if key is None and isinstance(data.get("input"), str):
        key = data.get(data["input"])
    return str(key or "") or None


def to_activity(reply: Reply) -> Activity:
    if isinstance(reply, Card):
        return MessageFactory.attachment(Attachment(content_type=CARD_TYPE, content=adaptive_card(reply)))
    if isinstance(reply, Document):
        return MessageFactory.text(f"{plain(reply.caption)} ({reply.filename}): exports are sent as files in "
                                   "Telegram and the console; in Teams, ask an admin for the file.")
    return MessageFactory.text(plain(reply.text))


def _invoke_card(card: Card) -> InvokeResponse:
    return InvokeResponse(status=200, body=AdaptiveCardInvokeResponse(
        status_code=200, type=CARD_TYPE, value=adaptive_card(card)))


def _invoke_refusal(text: str) -> InvokeResponse:
    """A refused press: Teams shows the message and leaves the card as it was for everyone."""
    return InvokeResponse(status=200, body=AdaptiveCardInvokeResponse(
        status_code=400, type="application/vnd.microsoft.error", value={"code": "BadRequest", "message": text}))


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
            replies = await self.channel.dispatch(Turn(address_of(activity), sender_of(activity), button_key=key,
                                                       inbound_id=activity.id, message_id=activity.reply_to_id))
            await self.channel.send(turn_context, replies, edit=activity.reply_to_id)
            return
        text = TurnContext.remove_recipient_mention(activity) or ""
        turn = Turn(address_of(activity), sender_of(activity), text.strip(), mentions_of(activity),
                    inbound_id=activity.id, received_at=activity.timestamp or datetime.now(UTC))
        await self.channel.send(turn_context, await self.channel.dispatch(turn))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        activity = turn_context.activity
        if activity.name != "adaptiveCard/action":
            return InvokeResponse(status=501)
        key = pressed_key(activity)
        if key is None:  # an Execute beside a dropdown, with nothing chosen
            return _invoke_refusal("Choose one of the options first.")
        await self.channel.remember(activity)
        replies = await self.channel.dispatch(Turn(address_of(activity), sender_of(activity), button_key=key,
                                                   inbound_id=activity.id, message_id=activity.reply_to_id))
        card = next((r for r in replies if isinstance(r, Card)), None)
        message = next((r for r in replies if isinstance(r, Text)), None)
        if card is not None:  # Universal Actions: the pressed card is replaced by the new one
            return _invoke_card(card)
        if message is not None and message.alert:
            return _invoke_refusal(message.text)
        # e.g. "✓ Saved …": the preview card becomes the outcome
        return _invoke_card(Card(title=message.text if message is not None else "Done."))

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if any(m.id == activity.recipient.id for m in members_added):
            await self.channel.remember(activity)
            await self.channel.services.outbox.mark_alive(CHANNEL, activity.conversation.id)
            await turn_context.send_activity(MessageFactory.text(GREETING))

    async def on_members_removed_activity(self, members_removed: list[ChannelAccount],
                                          turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if any(m.id == activity.recipient.id for m in members_removed):
            await self.channel.services.outbox.mark_dead(CHANNEL, activity.conversation.id, "bot removed")


class TeamsChannel:
    def __init__(self, settings: Settings, dispatcher: Dispatcher, services: Services,
                 adapter: CloudAdapter | None = None) -> None:
        self.settings = settings
        self.dispatcher = dispatcher
        self.services = services
        self.adapter = adapter or make_adapter(settings)
        self.bot = SwitchboardBot(self)
        from bots.teams.notifier import TeamsNotifier

        self.notifier = TeamsNotifier(self)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/api/messages", self.messages)

    async def start(self, receive: bool = True) -> None:
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
            activity = to_activity(reply)
            if edit and getattr(reply, "replace", False):
                activity.id = edit
                await turn_context.update_activity(activity)
            else:
                await turn_context.send_activity(activity)

    async def remember(self, activity: Activity) -> None:
        """Store the conversation reference, always with the latest serviceUrl, for proactive messages."""
        reference = TurnContext.get_conversation_reference(activity)
        tenant = ((activity.channel_data or {}).get("tenant") or {}).get("id") if isinstance(
            activity.channel_data, dict) else None
        async with self.services.sessions.begin() as session:
            row = await session.scalar(select(ConversationRef).where(
                ConversationRef.channel == CHANNEL, ConversationRef.conversation_id == activity.conversation.id))
            data: dict[str, Any] = reference.serialize()
            if row is None:
                session.add(ConversationRef(channel=CHANNEL, conversation_id=activity.conversation.id,
                                            service_url=activity.service_url, tenant_id=tenant, reference=data,
                                            updated_at=datetime.now(UTC)))
            elif row.service_url != activity.service_url or row.reference != data:
                row.service_url, row.reference, row.updated_at = activity.service_url, data, datetime.now(UTC)
                row.tenant_id = tenant or row.tenant_id
