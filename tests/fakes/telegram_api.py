"""A fake Telegram Bot API: every call is checked against the official spec, rate limits answer 429."""
from __future__ import annotations

import asyncio
import html
import json
import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.data import TELEGRAM_BOT_API
from tests.fakes.local_server import start

SPEC = TELEGRAM_BOT_API
SENDING = ("send", "edit", "copy", "forward")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float
    status: int = 200


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content: bytes


@dataclass
class Injected:
    status: int
    description: str
    retry_after: int | None = None
    delay: float = 0.0


@dataclass
class FakeTelegramAPI:
    token: str = "123456:TEST-token"
    bot_username: str = "switchboard_bot"
    rate_limits: bool = True
    per_chat_per_second: int = 3       # "about one message a second, short bursts allowed"
    per_group_per_minute: int = 20
    global_per_second: int = 30
    calls: list[Call] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # file_id → content, downloadable after getFile
    downloads: list[str] = field(default_factory=list)  # file paths downloaded
    url: str = ""
    _spec: dict[str, Any] = field(default_factory=dict)
    _next_message_id: int = 1000
    _injected: dict[str, deque[Injected]] = field(default_factory=lambda: defaultdict(deque))
    _chat_errors: dict[str, Injected] = field(default_factory=dict)
    _sent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _global: deque[float] = field(default_factory=deque)
    _runner: web.AppRunner | None = None
    _update_event: asyncio.Event = field(default_factory=asyncio.Event)

    # -- control from tests --------------------------------------------------------------------------
    def fail_next(self, method: str, status: int, description: str = "", *, retry_after: int | None = None,
                  times: int = 1, delay: float = 0.0) -> None:
        for _ in range(times):
            self._injected[method].append(Injected(status, description or _default_description(status),
                                                   retry_after, delay))

    def block_chat(self, chat_id: int | str, status: int = 403,
                   description: str = "Forbidden: bot was blocked by the user") -> None:
        self._chat_errors[str(chat_id)] = Injected(status, description)

    def push_update(self, update: dict[str, Any]) -> None:
        self.updates.append(update)
        self._update_event.set()

    def add_file(self, content: bytes, file_name: str, mime_type: str = "text/csv") -> dict[str, Any]:
        """A file a user sends: the `document` of their message (a Document as the spec describes it)."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = content
        document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                    "mime_type": mime_type, "file_size": len(content)}
        assert set(document) <= {f["name"] for f in self._spec["types"]["Document"]["fields"]}
        return document

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.status == 200]

    def last(self, method: str) -> Call:
        found = self.of(method)
        assert found, f"no successful {method} call; calls were {[c.method for c in self.calls]}"
        return found[-1]

    async def start(self) -> str:
        self._spec = json.loads(SPEC.read_text())
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        app.router.add_get("/_stats", self._stats)
        self._runner, self.url = await start(app)
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _stats(self, request: web.Request) -> web.Response:
        """Counts for benchmarks that run this fake in another process."""
        sends = [c for c in self.calls if c.method.startswith(SENDING)]
        return web.json_response({
            "calls": len(self.calls), "sends": len(sends), "sent_ok": sum(c.status == 200 for c in sends),
            "answered_429": sum(c.status == 429 for c in sends), "violations": self.violations,
            "chats_reached": len({str(c.params.get("chat_id")) for c in sends if c.status == 200}),
            "first_ok": min((c.at for c in sends if c.status == 200), default=0.0),
            "last_ok": max((c.at for c in sends if c.status == 200), default=0.0)})

    # -- the API --------------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _fail(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        spec = self._spec["methods"].get(method) or next(
            (m for name, m in self._spec["methods"].items() if name.lower() == method.lower()), None)
        if spec is None:
            call.status = 404
            return _fail(404, "Not Found")
        problem = self._check(spec, params)
        if problem:
            self.violations.append(f"{method}: {problem}")
            call.status = 400
            return _fail(400, f"Bad Request: {problem}")
        queue = self._injected.get(spec["name"])
        if queue:
            injected = queue.popleft()
            if injected.delay:
                await asyncio.sleep(injected.delay)
            if injected.status != 200:
                call.status = injected.status
                return _fail(injected.status, injected.description, injected.retry_after)
        chat = str(params.get("chat_id", ""))
        if chat in self._chat_errors:
            call.status = self._chat_errors[chat].status
            return _fail(call.status, self._chat_errors[chat].description)
        if spec["name"].startswith(SENDING) and self.rate_limits:
            wait = self._rate_limited(chat)
            if wait:
                call.status = 429
                return _fail(429, f"Too Many Requests: retry after {wait}", wait)
        return web.json_response({"ok": True, "result": await self._result(spec["name"], params)})

    def _check(self, spec: dict[str, Any], params: dict[str, Any]) -> str | None:
        fields = {f["name"]: f for f in spec.get("fields", [])}
        unknown = sorted(set(params) - set(fields))
        if unknown:
            return f"unknown parameters {unknown}"
        missing = [name for name, f in fields.items() if f["required"] and params.get(name) in (None, "")]
        if missing:
            return f"missing required parameters {missing}"
        for name in ("text", "caption"):
            if name in params:
                visible = html.unescape(re.sub(r"<[^>]+>", "", str(params[name])))
                limit = 4096 if name == "text" else 1024
                if len(visible) > limit or (name == "text" and not visible.strip()):
                    return f"{name} must be 1-{limit} characters, got {len(visible)}"
        if spec["name"] == "answerCallbackQuery" and len(str(params.get("text", ""))) > 200:
            return "callback answer text must be 0-200 characters"
        markup = params.get("reply_markup")
        if isinstance(markup, dict):
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    data = button.get("callback_data")
                    if data is not None and not 1 <= len(str(data).encode()) <= 64:
                        return f"callback_data must be 1-64 bytes, got {len(str(data).encode())}"
        if spec["name"] == "sendPhoto" and isinstance(params.get("photo"), UploadedFile):
            problem = _bad_photo(params["photo"].content)
            if problem:
                return problem
        if params.get("parse_mode") == "HTML":
            for name in ("text", "caption"):
                if name in params and _bad_html(str(params[name])):
                    return f"can't parse entities in {name}"
        return None

    def _rate_limited(self, chat: str) -> int:
        now = time.monotonic()
        window = self._global
        while window and now - window[0] > 1:
            window.popleft()
        if len(window) >= self.global_per_second:
            return 1
        sent = self._sent[chat]
        is_group = chat.startswith("-")
        horizon = 60 if is_group else 1
        while sent and now - sent[0] > horizon:
            sent.popleft()
        limit = self.per_group_per_minute if is_group else self.per_chat_per_second
        if len(sent) >= limit:
            return max(1, int(horizon - (now - sent[0])) + 1)
        sent.append(now)
        window.append(now)
        return 0

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        bot = {"id": int(self.token.split(":")[0]), "is_bot": True, "first_name": "Switchboard",
               "username": self.bot_username}
        if method == "getMe":
            return {**bot, "can_join_groups": True, "can_read_all_group_messages": False,
                    "supports_inline_queries": False}
        if method == "getUpdates":
            return await self._get_updates(params)
        if method in ("setWebhook", "deleteWebhook", "setMyCommands", "answerCallbackQuery"):
            return True
        if method == "getFile":
            return self._file(str(params["file_id"]))
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        chat_id = params.get("chat_id")
        chat = {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0,
                "type": "group" if str(chat_id).startswith("-") else "private"}
        message: dict[str, Any] = {"date": int(time.time()), "chat": chat, "from": bot}
        if method.startswith("edit"):
            message["message_id"] = int(params.get("message_id", 0))
            message["edit_date"] = int(time.time())
        else:
            self._next_message_id += 1
            message["message_id"] = self._next_message_id
        if "text" in params:
            message["text"] = html.unescape(re.sub(r"<[^>]+>", "", str(params["text"])))
        if method == "sendDocument":
            message["document"] = {"file_id": f"doc{self._next_message_id}", "file_unique_id": "u",
                                   "file_name": getattr(params.get("document"), "filename", "file")}
        if method == "sendPhoto":
            upload = params.get("photo")
            width, height = _png_size(upload.content) if isinstance(upload, UploadedFile) else (0, 0)
            message["photo"] = [{"file_id": f"photo{self._next_message_id}", "file_unique_id": "p",
                                 "width": width, "height": height}]
            if "caption" in params:
                message["caption"] = str(params["caption"])
        return message

    def _file(self, file_id: str) -> dict[str, Any]:
        """A `File` (fields as the spec lists them); its `file_path` is where `/file/bot<token>/` serves it."""
        content = self.files.get(file_id)
        if content is None:
            raise web.HTTPBadRequest(text=json.dumps({"ok": False, "error_code": 400,
                                                      "description": "Bad Request: invalid file_id"}),
                                     content_type="application/json")
        result = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(content),
                  "file_path": f"documents/{file_id}.bin"}
        allowed = {f["name"] for f in self._spec["types"]["File"]["fields"]}
        assert set(result) <= allowed, "getFile answers with a field the spec does not have"
        return result

    async def _download(self, request: web.Request) -> web.Response:
        """The file download the Bot API documents: https://api.telegram.org/file/bot<token>/<file_path>."""
        if request.match_info["token"] != self.token:
            return _fail(401, "Unauthorized")
        path = request.match_info["path"]
        file_id = path.removeprefix("documents/").removesuffix(".bin")
        if file_id not in self.files:
            return _fail(404, "Not Found")
        self.downloads.append(path)
        return web.Response(body=self.files[file_id], content_type="application/octet-stream")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]  # acknowledged ones are gone
        pending = [u for u in self.updates if u["update_id"] >= offset]
        if not pending and float(params.get("timeout") or 0) > 0:
            self._update_event.clear()
            try:
                await asyncio.wait_for(self._update_event.wait(), float(params["timeout"]))
            except TimeoutError:
                return []
            pending = [u for u in self.updates if u["update_id"] >= offset]
        return pending[: int(params.get("limit") or 100)]


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        raw = await request.json() if request.can_read_body else {}
        # like the real server: a JSON-serialized object may come as an object or as a string holding one
        return {key: _decode(value) if isinstance(value, str) else value for key, value in dict(raw).items()}
    if request.content_type.startswith("multipart/"):
        params: dict[str, Any] = {}
        reader = await request.multipart()
        async for part in reader:
            if part.filename:  # type: ignore[union-attr]
                content = await part.read()  # type: ignore[union-attr]
                params[part.name or "document"] = UploadedFile(part.filename, bytes(content))  # type: ignore[union-attr]
            else:
                params[part.name or ""] = _decode(await part.text())  # type: ignore[union-attr]
        return params
    form = await request.post()
    return {key: _decode(str(value)) for key, value in form.items()}


def _decode(value: str) -> Any:
    if value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _bad_html(text: str) -> bool:
    """Telegram refuses HTML with unknown tags or an unescaped '<' / '&'."""
    allowed = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a", "tg-spoiler",
               "blockquote", "span"}
    for tag in re.findall(r"</?([a-zA-Z-]+)[^>]*>", text):
        if tag.lower() not in allowed:
            return True
    stripped = re.sub(r"</?[a-zA-Z-]+[^>]*>", "", text)
    bare_ampersand = re.search(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", stripped)
    return "<" in stripped or ">" in stripped or bool(bare_ampersand)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(content: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk ((0, 0) for anything else)."""
    if content[:8] != PNG_SIGNATURE or content[12:16] != b"IHDR":
        return 0, 0
    return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")


def _bad_photo(content: bytes) -> str | None:
    """sendPhoto's documented limits: at most 10 MB, width + height at most 10000, a ratio of at most 20. This fake
    reads PNG only (what the bot sends); JPEG and the rest count as unreadable."""
    if len(content) > 10 * 1024 * 1024:
        return "PHOTO_INVALID_DIMENSIONS: photo is over 10 MB"
    width, height = _png_size(content)
    if not width or not height:
        return "IMAGE_PROCESS_FAILED: not a picture this fake can read"
    if width + height > 10000 or max(width, height) / min(width, height) > 20:
        return "PHOTO_INVALID_DIMENSIONS"
    return None


def _default_description(status: int) -> str:
    return {403: "Forbidden: bot was blocked by the user", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway"}.get(status, "Error")


def _fail(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


async def _serve(port: int, rate_limits: bool) -> None:
    api = FakeTelegramAPI(rate_limits=rate_limits)
    api._spec = json.loads(SPEC.read_text())
    app = web.Application(client_max_size=60 * 1024 * 1024)
    app.router.add_route("*", "/bot{token}/{method}", api._handle)
    app.router.add_get("/_stats", api._stats)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(f"fake Bot API on http://127.0.0.1:{port} (rate limits {'on' if rate_limits else 'off'})", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Run the fake Bot API on its own (for benchmarks).")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--no-rate-limits", action="store_true")
    args = parser.parse_args()
    asyncio.run(_serve(args.port, not args.no_rate_limits))
