"""Keys for the push API: printed once at creation, kept only as a prefix and a SHA-256 hash, revocable."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput
from core.models import ApiKey

KEY_RE = re.compile(r"^sbk_([0-9a-f]{8})_([A-Za-z0-9_-]{32})$")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
CACHE_SECONDS = 10.0  # a revocation reaches other processes within this; the revoking one at once
TOUCH_EVERY = timedelta(minutes=1)  # last-used time is kept to the minute, not written on every call


@dataclass(frozen=True, slots=True)
class KeyInfo:
    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


def _digest(key: str) -> str:
    # the keys are 192 random bits: a fast hash is enough (a slow one only matters for guessable passwords)
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeys:
    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self._clock = clock
        self._cache: dict[str, tuple[float, str, KeyInfo | None]] = {}

    async def create(self, name: str) -> str:
        """A new key named `name`; the only time the key itself is seen."""
        if not NAME_RE.match(name):
            raise BadInput("a key name is 1 to 64 letters, digits, '.', '_' or '-'")
        prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(24)
        key = f"sbk_{prefix}_{secret}"
        try:
            async with self._sessions.begin() as session:
                session.add(ApiKey(name=name, prefix=prefix, secret_hash=_digest(key), created_at=self._clock()))
        except IntegrityError:
            raise BadInput(f"there is already a key named {name!r}; revoke it first or choose another name") from None
        return key

    async def revoke(self, name: str) -> bool:
        async with self._sessions.begin() as session:
            result = await session.execute(update(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None))
                                           .values(revoked_at=self._clock()).returning(ApiKey.prefix))
            prefixes = list(result.scalars())
        for prefix in prefixes:
            self._cache.pop(prefix, None)
        return bool(prefixes)

    async def all(self) -> list[KeyInfo]:
        async with self._sessions() as session:
            return [_info(k) for k in await session.scalars(select(ApiKey).order_by(ApiKey.name))]

    async def verify(self, key: str) -> KeyInfo | None:
        """The key's record when `key` is a valid, unrevoked key; None otherwise (in constant time per prefix)."""
        matched = KEY_RE.match(key)
        if not matched:
            return None
        prefix = matched.group(1)
        cached = self._cache.get(prefix)
        if cached is None or cached[0] < time.monotonic():
            async with self._sessions() as session:
                row = await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
            cached = (time.monotonic() + CACHE_SECONDS, row.secret_hash if row else "", _info(row) if row else None)
            self._cache[prefix] = cached
        _, digest, info = cached
        if info is None or info.revoked_at is not None or not hmac.compare_digest(digest, _digest(key)):
            return None
        now = self._clock()
        if info.last_used_at is None or now - info.last_used_at >= TOUCH_EVERY:
            await self._touch(info, now)
        return info

    async def _touch(self, info: KeyInfo, now: datetime) -> None:
        # noted in the cache first, so that concurrent requests with this key do not all queue on its row
        touched = KeyInfo(info.id, info.name, info.prefix, info.created_at, info.revoked_at, now)
        expires, digest, _ = self._cache[info.prefix]
        self._cache[info.prefix] = (expires, digest, touched)
        async with engine_of(self._sessions).begin() as conn:
            await conn.execute(update(ApiKey).where(ApiKey.id == info.id).values(last_used_at=now))


def _info(row: ApiKey) -> KeyInfo:
    return KeyInfo(row.id, row.name, row.prefix, row.created_at, row.revoked_at, row.last_used_at)
