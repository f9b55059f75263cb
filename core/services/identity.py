"""Users, chat identities and chats: auto-provisioning, @mention participants, roles and identity linking."""
from __future__ import annotations

import asyncio
import hashlib
import itertools
import random
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Insert, Table, delete, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput, NotFound, Unavailable
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
    acts_by_name: bool = False  # as its `Address` says: people are found by user name too

    @property
    def is_group(self) -> bool:
        return self.kind != "private"


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone in a split. A person who is not a user yet has a negative `user_id`, a stand-in within one
    draft, and the `mention` they are created from when the draft is saved."""

    user_id: int
    name: str
    provisional: bool
    mention: Mention | None = None

    @property
    def is_new(self) -> bool:
        return self.user_id < 0


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
        return ChatInfo(chat.id, chat.channel, chat.external_id, chat.kind, chat.default_currency,
                        address.acts_by_name)

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
        if identity is None and address.acts_by_name:
            named = await session.scalar(select(User).where(User.name == slug(sender.external_id)))
            if named is not None:
                identity = Identity(user_id=named.id, channel=address.channel, external_id=sender.external_id,
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

    async def participants(self, address: Address, mentions: list[Mention]) -> list[Participant]:
        """Who @mentions name, one per mention in order, without writing anything: people who never talked
        to the bot come back new (`is_new`, one stand-in per person) and become provisional users only when a
        draft naming them is saved (`provision`); they are linked to their account when they first write."""
        if not mentions:
            return []
        async with engine_of(self._sessions).connect() as conn:
            return await people_named(conn, address.channel, mentions, by_name=address.acts_by_name)

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


_users, _identities = (cast(Table, model.__table__) for model in (User, Identity))


_LOCK_NEWCOMERS = text("SELECT pg_advisory_xact_lock(:key)")


def _key(mention: Mention) -> str:
    return f"id:{mention.external_id}" if mention.external_id else f"name:{mention.name.lower()}"


def _lock_key(channel: str) -> int:
    digest = hashlib.blake2b(f"switchboard:newcomers:{channel}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


async def find_people(conn: AsyncConnection, channel: str, mentions: Sequence[Mention], *,
                      by_name: bool = False) -> dict[int, Participant]:
    """The existing users behind mentions, by position: a known platform id first, then the handle, then (where
    people act by name) the user name. A few statements however many mentions; unknown people are left out."""
    by_id: dict[str, Participant] = {}
    if ids := {m.external_id for m in mentions if m.external_id}:
        rows = await conn.execute(
            select(_identities.c.external_id, _users.c.id, _users.c.name, _users.c.provisional)
            .join(_users, _users.c.id == _identities.c.user_id)
            .where(_identities.c.channel == channel, _identities.c.external_id.in_(ids)))
        by_id = {row[0]: Participant(row[1], row[2], row[3]) for row in rows}
    by_handle: dict[str, Participant] = {}
    if handles := {m.name.lower() for m in mentions if m.external_id not in by_id}:
        handle = func.lower(_identities.c.username)
        rows = await conn.execute(
            select(handle, _users.c.id, _users.c.name, _users.c.provisional)
            .join(_users, _users.c.id == _identities.c.user_id)
            .where(_identities.c.channel == channel, handle.in_(handles)).order_by(_identities.c.id))
        for row in rows:
            by_handle.setdefault(row[0], Participant(row[1], row[2], row[3]))
    by_user_name: dict[str, Participant] = {}
    if by_name and (names := {slug(m.name) for m in mentions if m.name.lower() not in by_handle}):
        rows = await conn.execute(select(_users.c.name, _users.c.id, _users.c.provisional)
                                  .where(_users.c.name.in_(names)))
        by_user_name = {row[0]: Participant(row[1], row[0], row[2]) for row in rows}
    found: dict[int, Participant] = {}
    for n, mention in enumerate(mentions):
        person = (by_id.get(mention.external_id or "") or by_handle.get(mention.name.lower())
                  or by_user_name.get(slug(mention.name)))
        if person is not None:
            found[n] = person
    return found


async def people_named(conn: AsyncConnection, channel: str, mentions: Sequence[Mention], *,
                       by_name: bool = False) -> list[Participant]:
    """`IdentityService.participants` on the caller's connection: one per mention, new people as stand-ins."""
    found = await find_people(conn, channel, mentions, by_name=by_name)
    stand_ins: dict[str, int] = {}
    people = []
    for n, mention in enumerate(mentions):
        if n in found:
            people.append(found[n])
            continue
        ref = stand_ins.setdefault(_key(mention), -1 - len(stand_ins))
        people.append(Participant(ref, slug(mention.name), True, mention))
    return people


async def provision(conn: AsyncConnection, channel: str, mentions: Sequence[Mention], *,
                    by_name: bool = False) -> list[Participant]:
    """The users behind mentions, one per mention in order, creating people still unknown as provisional users
    in the caller's transaction. Idempotent under concurrency: someone another transaction created meanwhile
    (a concurrent Save, or the person writing to the bot) takes the name or platform id first; our insert then
    skips, and the next round finds and reuses them."""
    if conn.dialect.name == "postgresql":
        # Saves that create people on one channel take turns until the one before commits, so a second Save
        # naming the same newcomer finds them: between its lookup and its insert it would otherwise see the name
        # taken and create "karim2". One lock, not one per person: few Saves create anyone, and the lock table
        # stays small. (SQLite has one writer: its Saves take turns anyway.)
        await conn.execute(_LOCK_NEWCOMERS, {"key": _lock_key(channel)})
    people: dict[int, Participant] = {}
    for _ in range(ATTEMPTS):
        todo = [n for n in range(len(mentions)) if n not in people]
        if not todo:
            break
        found = await find_people(conn, channel, [mentions[n] for n in todo], by_name=by_name)
        people.update((todo[m], person) for m, person in found.items())
        newcomers = {_key(mentions[n]): mentions[n] for n in todo if n not in people}
        if newcomers:
            created = await _create_people(conn, channel, list(newcomers.values()))
            people.update((n, created[_key(mentions[n])]) for n in todo
                          if n not in people and _key(mentions[n]) in created)
    if len(people) < len(mentions):
        raise Unavailable("the people mentioned kept being created concurrently")
    return [people[n] for n in range(len(mentions))]


async def _create_people(conn: AsyncConnection, channel: str, mentions: list[Mention]) -> dict[str, Participant]:
    """Provisional users with their identities, by mention key; a name or platform id taken meanwhile is skipped."""
    now = _now()
    names = await _free_names(conn, [m.name for m in mentions])
    made = {row.name: row.id for row in await conn.execute(
        _insert_or_skip(conn, _users, "name").returning(_users.c.id, _users.c.name),
        [{"name": name, "display_name": m.name[:128] or name, "role": "member", "provisional": True,
          "auto_save": False, "created_at": now} for m, name in zip(mentions, names, strict=True)])}
    wanted = [(m, name) for m, name in zip(mentions, names, strict=True) if name in made]
    if not wanted:
        return {}
    linked = {row.user_id for row in await conn.execute(
        _insert_or_skip(conn, _identities, "channel", "external_id").returning(_identities.c.user_id),
        [{"user_id": made[name], "channel": channel, "external_id": m.external_id, "username": m.name[:128],
          "display_name": m.name[:128], "private_chat": None, "created_at": now} for m, name in wanted])}
    if orphans := [made[name] for _, name in wanted if made[name] not in linked]:
        await conn.execute(delete(_users).where(_users.c.id.in_(orphans)))  # their platform id was taken meanwhile
    return {_key(m): Participant(made[name], name, True) for m, name in wanted if made[name] in linked}


async def _free_names(conn: AsyncConnection, wanted: list[str]) -> list[str]:
    """Unused user names for each wanted name, distinct among themselves too ("karim", "karim2", …)."""
    bases = [slug(w) for w in wanted]
    like_any = or_(*(_users.c.name.like(f"{base}%") for base in set(bases)))
    taken = set(await conn.scalars(select(_users.c.name).where(like_any)))
    names = []
    for base in bases:
        name = base if base not in taken else next(
            f"{base}{n}" for n in itertools.count(2) if f"{base}{n}" not in taken)
        taken.add(name)
        names.append(name)
    return names


def _insert_or_skip(conn: AsyncConnection, table: Table, *unique: str) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING on `unique`: a row another transaction committed first is left to it."""
    build = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    return build(table).on_conflict_do_nothing(index_elements=list(unique))


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
