"""Users, chat identities and chats: auto-provisioning, @mention participants, roles and identity linking."""
from __future__ import annotations

import asyncio
import hashlib
import random
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.errors import BadInput, NotFound
from core.models import Budget, Chat, Draft, Entry, Identity, LinkCode, Share, User
from core.turn import Actor, Address, Mention, Sender

ROLES = ("admin", "operator", "member")
ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class ChatInfo:
    id: int
    channel: str
    external_id: str
    kind: str
    default_currency: str | None

    @property
    def is_group(self) -> bool:
        return self.kind != "private"


@dataclass(frozen=True, slots=True)
class Participant:
    user_id: int
    name: str
    provisional: bool


def _now() -> datetime:
    return datetime.now(UTC)


def _actor(user: User) -> Actor:
    return Actor(user.id, user.name, user.display_name, user.role, user.auto_save)


def slug(text: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "_", text.strip().lower(), flags=re.UNICODE).strip("_")
    return cleaned[:48] or "user"


class IdentityService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], link_code_ttl: int = 900,
                 cache_seconds: float = 15.0) -> None:
        self._sessions = sessions
        self._link_ttl = link_code_ttl
        self._cache_seconds = cache_seconds
        # Resolving identity is the hottest query of every turn; a short-lived per-process cache keeps it off
        # the database. Changes made here clear it at once; other replicas see them within `cache_seconds`.
        self._cache: dict[tuple[Address, Sender], tuple[float, Actor, ChatInfo]] = {}

    def forget_cached(self) -> None:
        self._cache.clear()

    async def resolve(self, address: Address, sender: Sender) -> tuple[Actor, ChatInfo]:
        """The actor and chat of a turn, creating them on first contact; links a mentioned placeholder."""
        key = (address, sender)
        cached = self._cache.get(key)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1], cached[2]
        for attempt in range(ATTEMPTS):
            try:
                async with self._sessions.begin() as session:
                    chat = await self._chat(session, address)
                    user = await self._user_for(session, address, sender, unique_suffix=attempt >= 2)
                    actor = _actor(user)
                if len(self._cache) > 50_000:
                    self._cache.clear()
                self._cache[key] = (time.monotonic() + self._cache_seconds, actor, chat)
                return actor, chat
            except IntegrityError:
                if attempt == ATTEMPTS - 1:  # first messages raced to create the same rows; the loser retries
                    raise
                await asyncio.sleep(random.uniform(0, 0.02 * (attempt + 1)))
        raise AssertionError("unreachable")

    async def _chat(self, session: AsyncSession, address: Address) -> ChatInfo:
        chat = await session.scalar(
            select(Chat).where(Chat.channel == address.channel, Chat.external_id == address.chat_id))
        if chat is None:
            chat = Chat(channel=address.channel, external_id=address.chat_id, kind=address.kind,
                        title=address.title[:256], created_at=_now())
            session.add(chat)
            await session.flush()
        return ChatInfo(chat.id, chat.channel, chat.external_id, chat.kind, chat.default_currency)

    async def _user_for(self, session: AsyncSession, address: Address, sender: Sender,
                        unique_suffix: bool = False) -> User:
        identity = await session.scalar(
            select(Identity).where(Identity.channel == address.channel,
                                   Identity.external_id == sender.external_id))
        if identity is None and sender.username:
            identity = await session.scalar(
                select(Identity).where(Identity.channel == address.channel, Identity.external_id.is_(None),
                                       func.lower(Identity.username) == sender.username.lower()))
            if identity is not None:  # someone @mentioned earlier talks for the first time: link them
                identity.external_id = sender.external_id
        if identity is None and address.channel == "console":
            # the console acts as platform users by name (`switchboard chat --user NAME`)
            named = await session.scalar(select(User).where(User.name == slug(sender.external_id)))
            if named is not None:
                identity = Identity(user_id=named.id, channel="console", external_id=sender.external_id,
                                    username=sender.username, display_name=named.display_name,
                                    created_at=_now())
                session.add(identity)
        if identity is None:
            wanted = sender.username or sender.display_name
            if unique_suffix:  # many people with the same name arriving at once: make it unique outright
                wanted = f"{wanted}_{sender.external_id}"
            user = User(name=await self._free_name(session, wanted),
                        display_name=sender.display_name[:128] or "someone", role="member",
                        provisional=False, auto_save=False, created_at=_now())
            session.add(user)
            await session.flush()
            identity = Identity(user_id=user.id, channel=address.channel, external_id=sender.external_id,
                                username=sender.username, display_name=sender.display_name[:128],
                                created_at=_now())
            session.add(identity)
        user = await session.get_one(User, identity.user_id)
        if user.provisional:
            user.provisional = False
            user.display_name = sender.display_name[:128] or user.display_name
        if not address.is_group and identity.private_chat != address.chat_id:
            identity.private_chat = address.chat_id
        if sender.username and identity.username != sender.username:
            identity.username = sender.username
        return user

    async def _free_name(self, session: AsyncSession, wanted: str) -> str:
        base = slug(wanted)
        taken = set(await session.scalars(select(User.name).where(User.name.like(f"{base}%"))))
        if base not in taken:
            return base
        return next(f"{base}{n}" for n in range(2, len(taken) + 3) if f"{base}{n}" not in taken)

    async def participants(self, channel: str, mentions: list[Mention]) -> list[Participant]:
        """Users behind @mentions, one per mention in order; people who never talked to the bot are kept
        as provisional users and linked when they first appear."""
        found: list[Participant] = []
        if not mentions:
            return found
        async with self._sessions.begin() as session:
            for mention in mentions:
                user = await self._mentioned_user(session, channel, mention)
                found.append(Participant(user.id, user.name, user.provisional))
        return found

    async def _mentioned_user(self, session: AsyncSession, channel: str, mention: Mention) -> User:
        identity = None
        if mention.external_id:
            identity = await session.scalar(select(Identity).where(
                Identity.channel == channel, Identity.external_id == mention.external_id))
        if identity is None:
            identity = await session.scalar(select(Identity).where(
                Identity.channel == channel, func.lower(Identity.username) == mention.name.lower()))
        if identity is None and channel == "console":
            user = await session.scalar(select(User).where(User.name == slug(mention.name)))
            if user is not None:
                return user
        if identity is not None:
            return await session.get_one(User, identity.user_id)
        user = User(name=await self._free_name(session, mention.name), display_name=mention.name[:128],
                    role="member", provisional=True, auto_save=False, created_at=_now())
        session.add(user)
        await session.flush()
        session.add(Identity(user_id=user.id, channel=channel, external_id=mention.external_id,
                             username=mention.name[:128], display_name=mention.name[:128], created_at=_now()))
        return user

    # administration -------------------------------------------------------------------------------

    async def create_user(self, name: str, role: str = "member") -> Actor:
        if role not in ROLES:
            raise BadInput(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
        async with self._sessions.begin() as session:
            if await session.scalar(select(User).where(User.name == slug(name))) is not None:
                raise BadInput(f"A user named {slug(name)!r} already exists.")
            user = User(name=slug(name), display_name=name, role=role, provisional=False, auto_save=False,
                        created_at=_now())
            session.add(user)
            await session.flush()
            return _actor(user)

    async def exists(self, name: str) -> bool:
        async with self._sessions() as session:
            return await session.scalar(select(User.id).where(User.name == slug(name))) is not None

    async def ensure_user(self, name: str, role: str = "member") -> Actor:
        async with self._sessions() as session:
            user = await session.scalar(select(User).where(User.name == slug(name)))
        return _actor(user) if user else await self.create_user(name, role)

    async def grant(self, name: str, role: str) -> Actor:
        if role not in ROLES:
            raise BadInput(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
        async with self._sessions.begin() as session:
            user = await session.scalar(select(User).where(User.name == slug(name)))
            if user is None:
                raise NotFound(f"No user named {name!r}.")
            user.role = role
            self._cache.clear()
            return _actor(user)

    async def set_auto_save(self, user_id: int, enabled: bool) -> None:
        async with self._sessions.begin() as session:
            await session.execute(update(User).where(User.id == user_id).values(auto_save=enabled))
            self._cache.clear()

    async def set_chat_currency(self, chat_id: int, currency: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(update(Chat).where(Chat.id == chat_id).values(default_currency=currency))
            self._cache.clear()

    async def link_code(self, name: str) -> str:
        code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
        async with self._sessions.begin() as session:
            user = await session.scalar(select(User).where(User.name == slug(name)))
            if user is None:
                raise NotFound(f"No user named {name!r}.")
            session.add(LinkCode(code_hash=_hash(code), user_id=user.id,
                                 expires_at=_now() + timedelta(seconds=self._link_ttl), used_at=None))
        return code

    async def redeem(self, code: str, address: Address, sender: Sender) -> Actor:
        """Join the identity that sent `code` to the code's user; its ledger history moves along."""
        async with self._sessions.begin() as session:
            link = await session.get(LinkCode, _hash(code.strip().upper()), with_for_update=True)
            if link is None or link.used_at is not None or link.expires_at < _now():
                raise BadInput("That link code is not valid or has expired. Ask for a new one.")
            identity = await session.scalar(select(Identity).where(
                Identity.channel == address.channel, Identity.external_id == sender.external_id))
            if identity is None:
                raise NotFound("I don't know this chat account yet; send any message first.")
            link.used_at = _now()
            self._cache.clear()
            old_user_id, identity.user_id = identity.user_id, link.user_id
            if old_user_id != link.user_id:
                await _move_history(session, old_user_id, link.user_id)
            target = await session.get_one(User, link.user_id)
            return _actor(target)


async def _move_history(session: AsyncSession, old: int, new: int) -> None:
    for model in (Entry, Share, Draft):
        await session.execute(update(model).where(model.user_id == old).values(user_id=new))
    await session.execute(update(Entry).where(Entry.recorded_by == old).values(recorded_by=new))
    await session.execute(update(Budget).where(Budget.created_by == old).values(created_by=new))
    await session.flush()
    remaining = await session.scalar(select(func.count()).select_from(Identity).where(Identity.user_id == old))
    if not remaining:
        await session.delete(await session.get_one(User, old))


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
