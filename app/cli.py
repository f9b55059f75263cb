"""The `switchboard` command line (CONTRACTS.md): demo, serve, worker, chat, parse, db and users."""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from core import logs
from core.config import Settings
from core.errors import UserError


def _settings() -> Settings:
    settings = Settings()
    logs.configure(settings.log_level, settings.log_json, settings.secret_values())
    return settings


def _run(coro: Awaitable[int]) -> int:
    from app.runtime import run

    try:
        return run(coro)  # type: ignore[arg-type]
    except UserError as error:
        print(error.message, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _with_runtime(settings: Settings, body: Callable[[Any], Awaitable[int]]) -> int:
    from app.runtime import build

    runtime = await build(settings)
    try:
        return await body(runtime)
    finally:
        await runtime.close()


def cmd_db(args: argparse.Namespace) -> int:
    settings = _settings()

    async def upgrade() -> int:
        from core import db

        engine = db.create_engine(settings.database_url)
        try:
            await db.upgrade(engine)
        finally:
            await engine.dispose()
        print(f"database is at the latest schema ({engine.url.render_as_string(hide_password=True)})")
        return 0

    return _run(upgrade())


def cmd_users(args: argparse.Namespace) -> int:
    settings = _settings()

    async def body(runtime: Any) -> int:
        identity = runtime.services.identity
        if args.users_command == "create":
            actor = await identity.create_user(args.name, args.role)
            print(f"created {actor.name} ({actor.role})")
        elif args.users_command == "grant":
            actor = await identity.grant(args.name, args.role)
            print(f"{actor.name} is now {actor.role}")
        elif args.users_command == "set-password":
            password = sys.stdin.readline().rstrip("\r\n")
            try:
                await runtime.services.admin.set_password(args.name, password)
            except UserError as error:
                print(error.message, file=sys.stderr)
                return 2
            print(f"password set for {args.name}; their admin-page sessions were signed out")
        else:
            code = await identity.link_code(args.name)
            minutes = settings.link_code_ttl_seconds // 60
            print(code)
            print(f"Send \"/link {code}\" to the bot from the account to link (valid {minutes} min).",
                  file=sys.stderr)
        return 0

    return _run(_with_runtime(settings, body))


def cmd_chat(args: argparse.Namespace) -> int:
    settings = _settings()

    async def body(runtime: Any) -> int:
        from bots.console import ConsoleNotifier, ConsoleSession
        from scheduler.worker import deliver_once

        session = ConsoleSession(runtime.dispatcher, args.user, args.chat, json_mode=args.json)
        notifier = ConsoleNotifier(sys.stderr if args.json else sys.stdout)
        interactive = sys.stdin.isatty()
        if interactive and not args.json:
            where = f"group {args.chat!r}" if args.chat else "a private chat"
            print(f"Chatting as {args.user} in {where}. /press N presses a button, /as NAME switches user, "
                  "Ctrl-D quits.")
        loop = asyncio.get_running_loop()
        while True:
            if interactive and not args.json:
                print(f"{session.user}> ", end="", flush=True)
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return 0
            if line.strip():
                await session.line(line)
                await deliver_once(runtime.services.outbox, {"console": notifier})

    return _run(_with_runtime(settings, body))


def cmd_parse(args: argparse.Namespace) -> int:
    settings = _settings()
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    tz = args.tz or settings.timezone
    if args.llm and not settings.llm_configured:
        print("--llm needs OPENAI_API_KEY or OPENAI_BASE_URL to be set.", file=sys.stderr)
        return 2

    async def parse_all(parser: Any) -> int:
        texts = (line.rstrip("\n") for line in sys.stdin) if args.jsonl else iter([" ".join(args.text)])
        for text in texts:
            intent = await parser.parse(text, mentions=[], now=now, tz=tz, user_key="cli")
            parsed = intent.as_contract(text)
            if args.explain:  # which part decided (rules, classifier, LLM) and why
                parsed["decided_by"], parsed["why"] = intent.parser, intent.reason
            print(json.dumps(parsed, ensure_ascii=False), flush=True)
        return 0

    if not args.llm:
        from app.parsing import make_parser
        from core.store import MemoryStore

        return _run(parse_all(make_parser(settings, MemoryStore(), None, use_llm=False)))
    return _run(_with_runtime(settings, lambda runtime: parse_all(runtime.services.parser)))


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings()
    from app.serve import serve

    return _run(serve(settings, host=args.host or settings.host, port=args.port or settings.port))


def cmd_worker(args: argparse.Namespace) -> int:
    settings = _settings()
    from app.serve import work

    return _run(work(settings))


def cmd_demo(args: argparse.Namespace) -> int:
    settings = _settings()
    from app.demo import demo

    return _run(demo(settings, host=args.host or settings.host, port=args.port or settings.port,
                     seed_only=args.seed_only))


def cmd_ccb(args: argparse.Namespace) -> int:
    settings = _settings()

    async def seed() -> int:
        from integrations.ccb.queries import make_engine
        from integrations.ccb.seed import seed_demo

        url = args.url or settings.ccb_database_url
        if url.startswith("oracle"):
            print("seed-demo writes a demo database; it never touches Oracle.", file=sys.stderr)
            return 2
        engine = make_engine(url, read_only=False)
        try:
            result = await seed_demo(engine, customers=args.customers, days=args.days, seed=args.seed)
        finally:
            await engine.dispose()
        print(json.dumps(result))
        return 0

    return _run(seed())


def cmd_cards(args: argparse.Namespace) -> int:
    _settings()

    async def body() -> int:
        from pathlib import Path

        from app.cards import dump

        for path in await dump(Path(args.directory)):
            print(path)
        return 0

    return _run(body())


def cmd_teams(args: argparse.Namespace) -> int:
    settings = _settings()
    from pathlib import Path

    from app.teams_package import write_package

    try:
        path = write_package(Path(args.out), args.app_id or settings.microsoft_app_id, args.url, name=args.name,
                             version=args.version)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{path}: upload it in Teams (Apps → Manage your apps → Upload an app)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="switchboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="migrate, seed demo data and serve on embedded defaults")
    demo.add_argument("--host")
    demo.add_argument("--port", type=int)
    demo.add_argument("--seed-only", action="store_true", help="seed and exit without serving")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="web app, scheduler and delivery worker in one process")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("worker", help="scheduler and delivery worker only").set_defaults(func=cmd_worker)

    chat = sub.add_parser("chat", help="talk to the bot in the terminal")
    chat.add_argument("--json", action="store_true")
    chat.add_argument("--user", default="me")
    chat.add_argument("--chat")
    chat.set_defaults(func=cmd_chat)

    parse = sub.add_parser("parse", help="print the parse of a text as JSON")
    parse.add_argument("--now")
    parse.add_argument("--tz")
    parse.add_argument("--llm", action="store_true")
    parse.add_argument("--jsonl", action="store_true")
    parse.add_argument("--explain", action="store_true", help="add which part decided (rules, classifier, LLM) and why")
    parse.add_argument("text", nargs="*")
    parse.set_defaults(func=cmd_parse)

    cards = sub.add_parser("cards", help="Adaptive Cards the product sends")
    cards_sub = cards.add_subparsers(dest="cards_command", required=True)
    dump = cards_sub.add_parser("dump", help="write every card kind, filled with demo data, as JSON files")
    dump.add_argument("directory")
    cards.set_defaults(func=cmd_cards)

    teams = sub.add_parser("teams", help="Microsoft Teams app package")
    teams_sub = teams.add_subparsers(dest="teams_command", required=True)
    package = teams_sub.add_parser("manifest", help="write the Teams app package (zip) for sideloading")
    package.add_argument("--out", default="switchboard-teams.zip")
    package.add_argument("--app-id", help="default: MICROSOFT_APP_ID")
    package.add_argument("--url", default="https://example.com", help="the public URL of this deployment")
    package.add_argument("--name", default="Switchboard")
    package.add_argument("--version", default="1.0.0")
    teams.set_defaults(func=cmd_teams)

    ccb = sub.add_parser("ccb", help="the CC&B demo database")
    ccb_sub = ccb.add_subparsers(dest="ccb_command", required=True)
    seed = ccb_sub.add_parser("seed-demo", help="create the demo CC&B schema and data")
    seed.add_argument("--url", help="database URL (default: CCB_DATABASE_URL)")
    seed.add_argument("--customers", type=int, default=500)
    seed.add_argument("--days", type=int, default=90)
    seed.add_argument("--seed", type=int, default=7)
    ccb.set_defaults(func=cmd_ccb)

    dbp = sub.add_parser("db", help="database maintenance")
    dbp.add_argument("db_command", choices=["upgrade"])
    dbp.set_defaults(func=cmd_db)

    users = sub.add_parser("users", help="manage platform users")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    create = users_sub.add_parser("create")
    create.add_argument("name")
    create.add_argument("--role", default="member", choices=["admin", "operator", "member"])
    grant = users_sub.add_parser("grant")
    grant.add_argument("name")
    grant.add_argument("role", choices=["admin", "operator", "member"])
    code = users_sub.add_parser("link-code")
    code.add_argument("name")
    users_sub.add_parser("set-password", help="the admin-page password, read from stdin (one line)").add_argument(
        "name")
    users.set_defaults(func=cmd_users)

    from app.monitor_cli import add_parser as add_monitor_parser

    add_monitor_parser(sub)

    from app.jobs_cli import add_jobs_parser

    add_jobs_parser(sub)

    from app.subscriptions_cli import add_subscriptions_parser

    add_subscriptions_parser(sub)

    from app.alerts_cli import add_alerts_parsers

    add_alerts_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
