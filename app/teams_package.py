"""`switchboard teams manifest`: the Teams app package (manifest.json and two icons) as a zip to sideload."""
from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlsplit

TEMPLATE_NAME = Path("deploy") / "teams" / "manifest.template.json"


def template() -> Path:
    """The template from the source tree, or from the working directory of an installed copy (Docker: /app)."""
    for root in (Path(__file__).resolve().parent.parent, Path.cwd()):
        if (root / TEMPLATE_NAME).exists():
            return root / TEMPLATE_NAME
    raise FileNotFoundError(f"{TEMPLATE_NAME} not found")


def png(size: int, rgba: tuple[int, int, int, int]) -> bytes:
    """A square single-colour PNG (Teams wants a 192 px colour icon and a 32 px white outline icon)."""
    row = b"\x00" + bytes(rgba) * size
    raw = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def manifest(app_id: str, public_url: str, *, name: str = "Switchboard", version: str = "1.0.0",
             developer: str = "Switchboard") -> dict[str, object]:
    if not app_id:
        raise ValueError("MICROSOFT_APP_ID (or --app-id) is needed: the manifest names the bot by it")
    text = template().read_text()
    site = public_url.rstrip("/") or "https://example.com"
    values = {"APP_ID": app_id, "NAME": name, "VERSION": version, "DEVELOPER": developer, "WEBSITE": site,
              "DOMAIN": urlsplit(site).netloc or "example.com"}
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    data: dict[str, object] = json.loads(text)
    return data


def write_package(path: Path, app_id: str, public_url: str, **options: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest(app_id, public_url, **options), indent=2))
        package.writestr("color.png", png(192, (43, 108, 176, 255)))
        package.writestr("outline.png", png(32, (255, 255, 255, 255)))
    return path
