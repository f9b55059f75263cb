"""Bot Framework signing keys fetched without blocking the event loop: async, time-bounded, cached (failures too)."""
from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
from botframework.connector.auth import JwtTokenExtractor
from jwt.algorithms import RSAAlgorithm

from core.errors import Unavailable

log = logging.getLogger(__name__)
MAX_AGE_SECONDS = 24 * 3600  # botframework refreshes its keys daily too
UNKNOWN_KEY_REFRESH_SECONDS = 3600  # a token naming a key we do not know refetches at most this often (as botframework)
RETRY_FAILED_FETCH_SECONDS = 15.0  # requests in this window neither wait on the endpoint again nor hammer it


class KeysUnavailable(Unavailable):
    """Microsoft's signing keys could not be fetched in time: the request cannot be verified now, try again later."""


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A key as botframework's JwtTokenExtractor reads it (the shape of its `_OpenIdConfig`)."""

    public_key: Any
    endorsements: list[str]


class OpenIdKeys:
    """The keys behind one OpenID metadata URL, a drop-in for botframework's `_OpenIdMetadata`, whose refresh is
    a blocking `requests.get` without a timeout, run inside the event loop, and not remembered when it fails."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self._keys: dict[str, SigningKey] = {}
        self._fetched_at = -math.inf
        self._failed_at = -math.inf
        self._fetch: asyncio.Task[bool] | None = None

    async def get(self, key_id: str | None) -> SigningKey:
        """The key a token names; `PermissionError` (401) if Bot Framework has no such key, `KeysUnavailable`
        (503) if no keys could be fetched within the timeout."""
        if time.monotonic() - self._fetched_at > MAX_AGE_SECONDS:
            await self._refresh()
        key = self._keys.get(key_id or "")
        if key is None and time.monotonic() - self._fetched_at > UNKNOWN_KEY_REFRESH_SECONDS:
            await self._refresh()  # Microsoft may have published a new key since
            key = self._keys.get(key_id or "")
        if key is None:
            raise PermissionError(f"the token is signed with an unknown key {key_id!r}")
        return key

    async def _refresh(self) -> None:
        if time.monotonic() - self._failed_at >= RETRY_FAILED_FETCH_SECONDS:
            loop = asyncio.get_running_loop()
            if self._fetch is None or self._fetch.done() or self._fetch.get_loop() is not loop:
                self._fetch = loop.create_task(self._download())
            # every request waiting for keys shares one fetch, which its own timeout bounds
            await asyncio.shield(self._fetch)
        if not self._keys:
            raise KeysUnavailable("Bot Framework's signing keys are not available")

    async def _download(self) -> bool:
        try:
            async with asyncio.timeout(self.timeout), aiohttp.ClientSession() as http:
                async with http.get(self.url) as response:
                    response.raise_for_status()
                    jwks_uri = (await response.json(content_type=None))["jwks_uri"]
                async with http.get(jwks_uri) as response:
                    response.raise_for_status()
                    keys = _parse((await response.json(content_type=None))["keys"])
        except Exception as error:  # whatever went wrong, the request gets a "try again", never a 500
            self._failed_at = time.monotonic()
            kept = f"keeping {len(self._keys)} older keys" if self._keys else "no keys yet"
            log.warning("Bot Framework signing keys not fetched from %s within %s s (%s %s; %s)", self.url,
                        self.timeout, type(error).__name__, error, kept)
            return False
        self._keys, self._fetched_at = keys, time.monotonic()
        return True


def _parse(jwks: list[dict[str, Any]]) -> dict[str, SigningKey]:
    keys = {}
    for jwk in jwks:
        try:
            public_key = RSAAlgorithm.from_jwk(json.dumps(jwk))
            keys[str(jwk["kid"])] = SigningKey(public_key, list(jwk.get("endorsements", [])))
        except Exception:  # one malformed key must not cost us the others
            log.warning("skipping a Bot Framework signing key that cannot be read: %r", jwk.get("kid"))
    return keys


class KeyCache:
    """Takes the place of botframework's `JwtTokenExtractor.metadataCache`, so that every OpenID metadata URL
    botframework asks for (channel, emulator, skills, government) is answered by a non-blocking `OpenIdKeys`."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._by_url: dict[str, OpenIdKeys] = {}

    def get(self, url: str, default: object = None) -> OpenIdKeys:
        keys = self._by_url.get(url)
        if keys is None:
            keys = self._by_url[url] = OpenIdKeys(url, self.timeout)
        return keys

    def setdefault(self, url: str, default: object = None) -> OpenIdKeys:
        return self.get(url)

    def use_timeout(self, timeout: float) -> None:
        self.timeout = timeout
        for keys in self._by_url.values():
            keys.timeout = timeout


def install(timeout: float) -> KeyCache:
    """Make botframework's token validation take its keys from a `KeyCache` (process-wide, as its own cache is)."""
    cache = JwtTokenExtractor.metadataCache
    if not isinstance(cache, KeyCache):
        cache = JwtTokenExtractor.metadataCache = KeyCache(timeout)
    cache.use_timeout(timeout)
    return cache
