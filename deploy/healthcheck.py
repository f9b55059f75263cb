"""Container health checks for docker-compose.yml; standard library only, so it runs in any image.

    python deploy/healthcheck.py http://127.0.0.1:8080/healthz   # healthy when the URL answers 2xx
    python deploy/healthcheck.py --worker   # healthy when DATABASE_URL's and REDIS_URL's hosts accept connections

The worker serves no HTTP: while its process runs (Docker restarts it when it exits), what it needs is
its database and its store. Exit status 0 is healthy, 1 unhealthy, 2 a usage error.
"""
from __future__ import annotations

import http.client
import os
import socket
import sys
import urllib.request
from urllib.parse import urlsplit

TIMEOUT = 3.0
DEFAULT_PORTS = {"postgresql": 5432, "postgres": 5432, "redis": 6379, "rediss": 6379}


def http_ok(url: str) -> bool:
    if urlsplit(url).scheme not in ("http", "https"):
        raise SystemExit(f"not an http(s) URL: {url}")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - scheme checked above
            return 200 <= response.status < 300
    except (OSError, http.client.HTTPException):  # HTTPError (a 503, say) is an OSError too
        return False


def accepts_connections(url: str) -> bool:
    """A TCP connection to the URL's host and port; a URL without a host (SQLite, a socket path) passes."""
    parts = urlsplit(url)
    if not parts.hostname:
        return True
    port = parts.port or DEFAULT_PORTS.get(parts.scheme.split("+")[0])
    if port is None:
        return True
    try:
        with socket.create_connection((parts.hostname, port), timeout=TIMEOUT):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    if argv == ["--worker"]:
        urls = [os.environ.get(name, "") for name in ("DATABASE_URL", "REDIS_URL")]
        return 0 if all(accepts_connections(url) for url in urls if url) else 1
    if len(argv) == 1 and not argv[0].startswith("-"):
        return 0 if http_ok(argv[0]) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
