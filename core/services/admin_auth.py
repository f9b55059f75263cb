"""Admin-page sign-in: Argon2id password hashes, a TOTP second factor, server-side sessions (idle and absolute
limits), throttled failures, and every sign-in, failure and change in the audit log."""
from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from zxcvbn import zxcvbn

from core.errors import BadInput, NotFound, UserError
from core.models import AdminSession, User
from core.services.audit import AuditLog
from core.store import Store

# OWASP's Argon2id baseline: 19 MiB of memory, 2 passes, 1 lane
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=8)
TOUCH_EVERY = timedelta(minutes=1)
MIN_LENGTH = 12
FAILURES, FAILURE_WINDOW = 5, 15 * 60  # per user and per address
# a fixed hash to verify against when the user does not exist, so both answers take the same time
_DUMMY_HASH = HASHER.hash("not a real password, only for timing")


class SignInFailed(UserError):
    outcome = "denied"


class Throttled(UserError):
    outcome = "rate_limited"

    def __init__(self, retry_after: float) -> None:
        super().__init__("Too many failed sign-ins. Wait a few minutes and try again.")
        self.retry_after = retry_after


class SecondFactorNeeded(UserError):
    outcome = "totp_required"


@dataclass(frozen=True, slots=True)
class AdminSessionInfo:
    token_hash: str
    user_id: int
    name: str
    display_name: str
    role: str
    csrf: str
    totp_enabled: bool


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password_strength(name: str, password: str) -> None:
    """Refuse short, common or guessable passwords (zxcvbn's estimate, which knows common passwords, names,
    dictionary words, keyboard patterns and the user's own name)."""
    if len(password) < MIN_LENGTH:
        raise BadInput(f"The password must have at least {MIN_LENGTH} characters.")
    if len(password) > 256:
        raise BadInput("The password must have at most 256 characters.")
    verdict = zxcvbn(password[:100], user_inputs=[name, "switchboard"])
    if verdict["score"] < 3:
        hint = verdict["feedback"].get("warning") or "it is too easy to guess"
        raise BadInput(f"That password is too weak: {hint}. Use a longer phrase of unrelated words.")


class AdminAuth:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], store: Store, audit: AuditLog,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self._store = store
        self._audit = audit
        self._clock = clock

    async def set_password(self, name: str, password: str, *, by: str = "cli") -> None:
        check_password_strength(name, password)
        hashed = await asyncio.to_thread(HASHER.hash, password)  # ~50 ms of CPU: off the event loop
        async with self._sessions.begin() as session:
            user = await session.scalar(select(User).where(User.name == name))
            if user is None:
                raise NotFound(f"There is no user called {name!r}.")
            user.password_hash = hashed
            await session.execute(delete(AdminSession).where(AdminSession.user_id == user.id))
            user_id = user.id
        await self._log("admin.set_password", user_id, by, "ok", {"user": name})

    async def sign_in(self, name: str, password: str, totp: str, address: str) -> tuple[str, AdminSessionInfo]:
        """A new session (its cookie token and what it holds), or `Throttled`, `SignInFailed` or
        `SecondFactorNeeded`. A failure says nothing about which part was wrong."""
        for key in _failure_keys(name, address):
            if int(await self._store.get(key) or 0) >= FAILURES:
                await self._log("admin.sign_in", None, address, "rate_limited", {"user": name[:64]})
                raise Throttled(FAILURE_WINDOW)
        async with self._sessions() as session:
            user = await session.scalar(select(User).where(User.name == name, User.provisional.is_(False)))
        stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
        if not await asyncio.to_thread(_verifies, stored, password) or user is None or not user.password_hash:
            await self._failed(name, address, None if user is None else user.id, "password")
            raise SignInFailed("Wrong user name or password.")
        if user.totp_enabled:
            if not totp.strip():
                raise SecondFactorNeeded("Enter the 6-digit code from your authenticator app.")
            if not user.totp_secret or not pyotp.TOTP(user.totp_secret).verify(totp.strip(), valid_window=1):
                await self._failed(name, address, user.id, "totp")
                raise SignInFailed("That code is not right. Codes change every 30 seconds.")
        token, now = secrets.token_urlsafe(32), self._clock()
        csrf = secrets.token_urlsafe(24)
        async with self._sessions.begin() as session:  # a new session id at every sign-in (no fixation)
            session.add(AdminSession(id=_hash_token(token), user_id=user.id, csrf=csrf, created_at=now,
                                     last_seen_at=now, address=address[:64]))
        await self._log("admin.sign_in", user.id, address, "ok", {"user": name})
        return token, AdminSessionInfo(_hash_token(token), user.id, user.name, user.display_name, user.role, csrf,
                                       user.totp_enabled)

    async def session(self, token: str) -> AdminSessionInfo | None:
        """The live session of a cookie token; None when unknown, idle over 30 minutes or older than 8 hours."""
        if not token or len(token) > 100:
            return None
        now = self._clock()
        async with self._sessions() as session:
            row = (await session.execute(select(AdminSession, User).join(User, User.id == AdminSession.user_id)
                                         .where(AdminSession.id == _hash_token(token)))).first()
        if row is None:
            return None
        found, user = row
        if now - found.last_seen_at > IDLE or now - found.created_at > ABSOLUTE:
            await self.sign_out(token)
            return None
        if now - found.last_seen_at > TOUCH_EVERY:
            async with self._sessions.begin() as session:
                await session.execute(update(AdminSession).where(AdminSession.id == found.id).values(
                    last_seen_at=now))
        return AdminSessionInfo(found.id, user.id, user.name, user.display_name, user.role, found.csrf,
                                user.totp_enabled)

    async def sign_out(self, token: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(AdminSession).where(AdminSession.id == _hash_token(token)))

    async def begin_totp(self, user_id: int) -> str:
        """A new secret for the user to scan (not in force until `confirm_totp`); its otpauth:// URI."""
        secret = pyotp.random_base32()
        async with self._sessions.begin() as session:
            user = await session.get(User, user_id)
            if user is None:
                raise NotFound("No such user.")
            if user.totp_enabled:
                raise BadInput("A second factor is enrolled already.")
            user.totp_secret = secret
            name = user.name
        return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name="Switchboard")

    async def confirm_totp(self, user_id: int, code: str, address: str) -> None:
        async with self._sessions.begin() as session:
            user = await session.get(User, user_id)
            if user is None or not user.totp_secret or user.totp_enabled:
                raise BadInput("Start the enrolment again.")
            if not pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1):
                raise BadInput("That code is not right. Scan the QR code again and enter the code it shows.")
            user.totp_enabled = True
        await self._log("admin.totp_enrolled", user_id, address, "ok", {})

    async def _failed(self, name: str, address: str, user_id: int | None, why: str) -> None:
        for key in _failure_keys(name, address):  # locked out until FAILURE_WINDOW after the last failure
            await self._store.set(key, str(int(await self._store.get(key) or 0) + 1), FAILURE_WINDOW)
        await self._log("admin.sign_in", user_id, address, "denied", {"user": name[:64], "failed": why})

    async def _log(self, what: str, user_id: int | None, where: str, outcome: str, detail: dict[str, Any]) -> None:
        await self._audit.record(turn_id=secrets.token_hex(6), user_id=user_id, channel="admin", chat=where[:64],
                                 intent=what, outcome=outcome, detail=detail)


def _failure_keys(name: str, address: str) -> tuple[str, str]:
    return f"admin-login:user:{name.lower()[:64]}", f"admin-login:addr:{address[:64]}"


def _verifies(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
