"""A private scale-out cluster to pull plugs on: its own PostgreSQL and Redis, the fake Bot API, three `serve`
replicas and one `worker` behind a round-robin proxy, all on 127.0.0.1 and all torn down at the end."""
from __future__ import annotations

import asyncio
import contextlib
import ctypes
import importlib
import itertools
import logging
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)
TOKEN = "123456:TEST-token"
SECRET = "faults-webhook-secret"
WEBHOOK = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MACHINE_PORTS = frozenset({5432, 6379})  # the machine's own PostgreSQL and Redis: never ours to touch


def free_port() -> int:
    for _ in range(20):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in MACHINE_PORTS:
            return port
    raise RuntimeError("no free port found")


def postgres_bin() -> Path | None:
    """The newest PostgreSQL server binaries on this machine (Debian layout first, then PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing_binaries() -> list[str]:
    """What this machine lacks to run a cluster (empty when it can)."""
    missing = []
    pg = postgres_bin()
    if pg is None or not (pg / "pg_ctl").exists():
        missing.append("PostgreSQL server binaries (initdb, pg_ctl)")
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            missing.append("a `postgres` OS user (PostgreSQL refuses to run as root)")
        if shutil.which("runuser") is None:
            missing.append("runuser")
    return missing


def fake_bot_api(rate_limits: bool) -> Any:
    """The in-process fake Bot API of the test suite (it records every call), not yet started."""
    if str(ROOT) not in sys.path:  # tests/ is not an installed package
        sys.path.insert(0, str(ROOT))
    # imported by name: the fake is test code, outside the packages the type checker covers
    module = importlib.import_module("tests.fakes.telegram_api")
    return module.FakeTelegramAPI(token=TOKEN, rate_limits=rate_limits)


def _die_with_parent() -> None:
    """In a child before exec: SIGKILL it if the harness dies, so a killed benchmark leaves no replicas behind."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


async def _run(args: list[str], within: float, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run a command to completion within `within` seconds; its output, or RuntimeError with it."""
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=within, check=False)

    done = await asyncio.to_thread(run)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:6])} failed ({done.returncode}): {(done.stderr or done.stdout)[-2000:]}")
    return done.stdout


async def _wait_port(port: int, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {within:.0f} s")


class Postgres:
    """A PostgreSQL instance of our own in `directory` (run as the `postgres` user when we are root)."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = directory, port
        self.data, self.logfile = directory / "pgdata", directory / "postgres.log"
        self.bin = postgres_bin()
        self.running = False
        self._guard: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_owner(self, tool: str, *args: str) -> list[str]:
        assert self.bin is not None
        command = [str(self.bin / tool), *args]
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    async def init(self) -> None:
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
        await _run(self._as_owner("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                  "--no-locale", "--no-sync", "--no-instructions"), within=120)

    def guard(self) -> None:
        """A watchdog shell that stops this server and removes its directory should the harness die without
        tearing down (kill -9, OOM): `pg_ctl` detaches the server, so it would otherwise outlive us."""
        stop = " ".join(shlex.quote(a) for a in self._as_owner("pg_ctl", "-D", str(self.data), "-m", "immediate",
                                                                "-w", "-t", "30", "stop"))
        script = (f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; {stop}; "
                  f"rm -rf {shlex.quote(str(self.directory))}")
        self._guard = subprocess.Popen(["sh", "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)

    def unguard(self) -> None:
        if self._guard is not None and self._guard.poll() is None:
            self._guard.kill()
            self._guard.wait(10)

    async def start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.directory} "
                   "-c max_connections=200 -c fsync=off -c full_page_writes=off -c shared_buffers=64MB")
        await _run(self._as_owner("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-o", options,
                                  "-w", "-t", "60", "start"), within=90)
        self.running = True

    async def stop(self, mode: str = "fast") -> None:
        await _run(self._as_owner("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"), within=90)
        self.running = False


class Redis:
    """A Redis of our own without persistence: a stop loses everything, as SHUTDOWN NOSAVE would in production."""

    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port = directory, port
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def start(self) -> None:
        self._spawn()
        await _wait_port(self.port, 20)

    def _spawn(self) -> None:
        self._log = self._log or (self.directory / "redis.log").open("ab")
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory), "--daemonize", "no"],
            stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)

    async def stop(self) -> None:
        """SHUTDOWN NOSAVE, then wait (bounded) for the process to go."""
        import redis.asyncio as aioredis

        if not self.running:
            return
        client = aioredis.Redis.from_url(self.url, socket_timeout=5)
        with contextlib.suppress(Exception):  # the server closes the connection while answering
            await client.shutdown(nosave=True)
        with contextlib.suppress(Exception):
            await client.aclose()
        await _wait_exit(self.process, 10)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(10)
        if self._log is not None:
            self._log.close()


async def _wait_exit(process: subprocess.Popen[bytes] | None, within: float) -> None:
    """Wait for a child to exit; SIGKILL it when it takes longer than `within` seconds."""
    if process is None:
        return
    try:
        await asyncio.to_thread(process.wait, within)
    except subprocess.TimeoutExpired:
        process.kill()
        await asyncio.to_thread(process.wait, 10)


class AppProcess:
    """One `switchboard` process (`serve` replica or `worker`) that can be killed and started again."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], source: Path, logfile: Path,
                 port: int | None = None) -> None:
        self.name, self.args, self.env, self.source, self.port = name, args, env, source, port
        self.logfile = logfile
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        with self.logfile.open("ab") as out:
            out.write(f"\n--- {self.name} start {self.starts + 1} at {time.strftime('%H:%M:%S')} ---\n".encode())
            out.flush()
            self.process = subprocess.Popen([sys.executable, "-m", "app.cli", *self.args], cwd=self.source,
                                            env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                            preexec_fn=_die_with_parent)
        self.starts += 1

    async def ready(self, http: aiohttp.ClientSession, within: float = 90) -> None:
        """Until /healthz answers 200 (a worker: until it has stayed up a moment); RuntimeError if it died."""
        deadline = time.monotonic() + within
        settled = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            if not self.alive:
                raise RuntimeError(f"{self.name} exited during start-up:\n{self.log_tail()}")
            if self.port is None:
                if time.monotonic() >= settled:
                    return
            else:
                with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                    async with http.get(f"{self.url}/healthz", timeout=aiohttp.ClientTimeout(total=5)) as response:
                        if response.status == 200:
                            return
            await asyncio.sleep(0.1)
        raise RuntimeError(f"{self.name} was not ready after {within:.0f} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """kill -9: no shutdown handlers, requests in flight are cut."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    async def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            await _wait_exit(self.process, 10)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.logfile.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


@dataclass
class Proxy:
    """Round-robin load balancer for the webhook: a replica that refuses the connection is skipped; a request
    cut in flight (replica killed) is a 502 to the sender, as nginx would answer. Adds `X-Upstream: N`."""

    upstreams: list[str]
    timeout: float = 30.0
    in_flight: list[int] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)
    url: str = ""
    _order: itertools.count[int] = field(default_factory=itertools.count)
    _http: aiohttp.ClientSession | None = None
    _runner: web.AppRunner | None = None

    async def start(self, port: int) -> str:
        self.in_flight = [0] * len(self.upstreams)
        self.answered = [0] * len(self.upstreams)
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout, connect=2))
        app = web.Application(client_max_size=2 * 1024 * 1024)
        app.router.add_post(WEBHOOK, self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._http is not None
        body = await request.read()
        headers = {name: request.headers[name] for name in (SECRET_HEADER, "Content-Type") if name in request.headers}
        first = next(self._order)
        for step in range(len(self.upstreams)):
            index = (first + step) % len(self.upstreams)
            self.in_flight[index] += 1
            try:
                async with self._http.post(self.upstreams[index] + request.path, data=body,
                                           headers=headers) as response:
                    payload = await response.read()
                    self.answered[index] += 1
                    return web.Response(status=response.status, body=payload, headers={
                        "Content-Type": response.headers.get("Content-Type", "application/json"),
                        "X-Upstream": str(index)})
            except aiohttp.ClientConnectorError:
                continue  # refused: that replica is down, try the next one
            except (aiohttp.ClientError, TimeoutError) as error:
                status = 504 if isinstance(error, TimeoutError) else 502
                return web.Response(status=status, text=f"upstream {index}: {type(error).__name__}",
                                    headers={"X-Upstream": str(index)})
            finally:
                self.in_flight[index] -= 1
        return web.Response(status=502, text="no replica accepted the connection")


@dataclass
class ClusterOptions:
    replicas: int = 3
    source: Path = ROOT  # the source tree the app processes run from (e.g. a `git archive` of another commit)
    env: dict[str, str] = field(default_factory=dict)  # extra settings for every app process
    log_dir: Path | None = None  # keep the processes' logs here (default: in the temp dir, removed at the end)
    api_rate_limits: bool = False  # the fake's Telegram rate limits (429s) on top of the faults


class Cluster:
    """Start with `running_cluster()`. Replicas are numbered from 0; `proxy.url + WEBHOOK` is the webhook."""

    def __init__(self, options: ClusterOptions) -> None:
        self.options = options
        self.directory = Path(tempfile.mkdtemp(prefix="sb-cluster-"))
        self.log_dir = options.log_dir or self.directory / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.postgres = Postgres(self.directory, free_port())
        self.redis = Redis(self.directory, free_port())
        self.api: Any = fake_bot_api(options.api_rate_limits)
        self.replicas: list[AppProcess] = []
        self.worker: AppProcess | None = None
        self.proxy = Proxy([])
        self.http = aiohttp.ClientSession()

    @property
    def webhook_url(self) -> str:
        return self.proxy.url + WEBHOOK

    def replica_webhook(self, index: int) -> str:
        return self.replicas[index].url + WEBHOOK

    @property
    def database_url(self) -> str:
        return self.postgres.url

    def app_env(self) -> dict[str, str]:
        from core.config import Settings

        inherited = {k: v for k, v in os.environ.items() if k.lower() not in Settings.model_fields}
        return {**inherited, "DATABASE_URL": self.postgres.url, "REDIS_URL": self.redis.url,
                "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET,
                "TELEGRAM_API_BASE_URL": self.api.url, "TELEGRAM_MODE": "webhook", "WEB_WORKERS": "1",
                "LOG_LEVEL": "WARNING", "RATE_LIMIT_PER_MINUTE": "1000000", "OUTBOX_POLL_SECONDS": "1",
                "PYTHONUNBUFFERED": "1", **self.options.env}

    async def start(self) -> None:
        await self.postgres.init()
        self.postgres.guard()
        await self.postgres.start()
        await self.redis.start()
        await self.api.start()
        env = self.app_env()
        await _run([sys.executable, "-m", "app.cli", "db", "upgrade"], within=180, cwd=self.options.source, env=env)
        for index in range(self.options.replicas):
            port = free_port()
            self.replicas.append(AppProcess(f"replica-{index}", ["serve", "--host", "127.0.0.1", "--port", str(port)],
                                            env, self.options.source, self.log_dir / f"replica-{index}.log", port))
        self.worker = AppProcess("worker", ["worker"], env, self.options.source, self.log_dir / "worker.log")
        for process in [*self.replicas, self.worker]:
            process.start()
        await asyncio.gather(*(process.ready(self.http) for process in [*self.replicas, self.worker]))
        self.proxy = Proxy([replica.url for replica in self.replicas])
        await self.proxy.start(free_port())

    # -- faults ----------------------------------------------------------------------------------------
    def kill_replica(self, index: int) -> None:
        self.replicas[index].kill()

    async def restart_replica(self, index: int, within: float = 90) -> None:
        replica = self.replicas[index]
        if replica.alive:
            replica.kill()
        replica.start()
        await replica.ready(self.http, within)

    async def stop_postgres(self) -> None:
        await self.postgres.stop("fast")

    async def start_postgres(self) -> None:
        await self.postgres.start()

    async def stop_redis(self) -> None:
        await self.redis.stop()

    async def start_redis(self) -> None:
        await self.redis.start()

    # -- tear-down ------------------------------------------------------------------------------------
    async def close(self) -> None:
        """Everything down and the temp dir removed; each step runs even when an earlier one fails."""
        steps: list[Any] = [self.proxy.stop(), *(p.stop() for p in [*self.replicas, self.worker] if p is not None),
                            self.api.stop(), self.http.close()]
        for step in steps:
            try:
                await asyncio.wait_for(step, 30)
            except Exception as error:
                log.warning("cluster tear-down step failed: %s", error)
        self.redis.close()
        if self.postgres.running or (self.postgres.data / "postmaster.pid").exists():
            try:
                await self.postgres.stop("immediate")
            except Exception as error:
                log.warning("could not stop the private PostgreSQL: %s", error)
        self.postgres.unguard()
        shutil.rmtree(self.directory, ignore_errors=True)


@asynccontextmanager
async def running_cluster(options: ClusterOptions | None = None) -> AsyncIterator[Cluster]:
    cluster = Cluster(options or ClusterOptions())
    try:
        await cluster.start()
        yield cluster
    finally:
        await cluster.close()
