"""Local stand-ins for Microsoft's Bot Framework key endpoint: one that serves keys, one that never answers."""
from __future__ import annotations

import socket
import threading
import time
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.fakes.local_server import start

ISSUER = "https://api.botframework.com"
APP_ID = "00000000-0000-0000-0000-000000000001"


class SigningKey:
    """An RSA key like the ones Bot Framework signs its tokens with."""

    def __init__(self, kid: str) -> None:
        self.kid = kid
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self, endorsements: list[str]) -> dict[str, Any]:
        public: dict[str, Any] = RSAAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        return {**public, "kid": self.kid, "use": "sig", "endorsements": endorsements}

    def token(self, service_url: str, kid: str | None = None, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": APP_ID, "serviceurl": service_url, "nbf": now - 10, "exp": now + 600, **claims}
        return jwt.encode(body, self.private, algorithm="RS256", headers={"kid": kid or self.kid})


class KeyEndpoint:
    """OpenID metadata and its JWKS on loopback, counting how often the keys were fetched."""

    def __init__(self, *keys: SigningKey) -> None:
        self.keys = keys
        self.fetches = 0
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", self._metadata)
        app.router.add_get("/v1/.well-known/keys", self._keys)
        self._runner, base = await start(app)
        self.url = f"{base}/v1/.well-known/openidconfiguration"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _metadata(self, request: web.Request) -> web.Response:
        return web.json_response({"issuer": ISSUER, "jwks_uri": str(request.url.with_path("/v1/.well-known/keys"))})

    async def _keys(self, request: web.Request) -> web.Response:
        self.fetches += 1
        return web.json_response({"keys": [key.jwk(["msteams"]) for key in self.keys]})


class SilentEndpoint:
    """Accepts connections and never answers. It runs in its own thread, so that a server whose event loop is
    blocked on it still sees the connections close after `hold` seconds: a regression fails, it does not hang."""

    def __init__(self, hold: float = 20.0) -> None:
        self.hold = hold
        self.accepted = 0
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}/v1/.well-known/openidconfiguration"

    def __enter__(self) -> SilentEndpoint:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _serve(self) -> None:
        held: list[socket.socket] = []
        deadline = time.monotonic() + self.hold
        while not self._stop.is_set() and time.monotonic() < deadline:
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            held.append(connection)
        self._server.close()
        for connection in held:
            connection.close()
