"""`switchboard subscriptions add/list/remove`: which conversations receive which topic."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from core.errors import UserError

CHANNELS = ("telegram", "teams", "webhook", "console")


def add_subscriptions_parser(sub: Any) -> None:
    """The `subscriptions` subcommand, hooked into `app.cli.build_parser`."""
    subs = sub.add_parser("subscriptions", help="who receives which topic's reports and alerts")
    subs_sub = subs.add_subparsers(dest="subscriptions_command", required=True)
    add = subs_sub.add_parser("add", help="subscribe a conversation to a topic")
    add.add_argument("--channel", required=True, choices=CHANNELS)
    add.add_argument("--target", required=True,
                     help="Telegram chat id, Teams conversation id, console chat (group:NAME), or the webhook's "
                          "name (DEFAULT, BATCH_MONITORING, ALERTS: its URL stays in settings)")
    add.add_argument("--topic", required=True, help="batch, nocs, rcdc, budget, system, or a pushed topic")
    listing = subs_sub.add_parser("list", help="every subscription")
    listing.add_argument("--topic")
    remove = subs_sub.add_parser("remove", help="remove a subscription by its id (from list)")
    remove.add_argument("id", type=int)
    subs.set_defaults(func=cmd_subscriptions)


def cmd_subscriptions(args: argparse.Namespace) -> int:
    from app.cli import _run, _settings, _with_runtime

    settings = _settings()

    async def body(runtime: Any) -> int:
        subscriptions = runtime.services.subscriptions
        if args.subscriptions_command == "add":
            channel, target = args.channel, args.target
            if channel == "webhook":
                names = runtime.settings.teams_webhooks()
                if target.upper() not in names:
                    known = ", ".join(sorted(names)) or "none configured"
                    print(f"No Workflows webhook named {target!r} is configured (TEAMS_WEBHOOK_{target.upper()}); "
                          f"configured: {known}.", file=sys.stderr)
                    return 2
                channel, target = "teams_webhook", target.upper()
            try:
                found, new = await subscriptions.add(channel, target, args.topic, by="cli")
            except UserError as error:
                print(error.message, file=sys.stderr)
                return 2
            print(f"{'subscribed' if new else 'already subscribed'}: #{found.id} {found.channel} {found.target} "
                  f"→ {found.topic}")
            return 0
        if args.subscriptions_command == "list":
            rows = await subscriptions.all(args.topic)
            if not rows:
                print("no subscriptions")
            for row in rows:
                print(f"#{row.id}\t{row.topic}\t{row.channel}\t{row.target}")
            return 0
        if await subscriptions.remove_id(args.id):
            print(f"removed subscription #{args.id}")
            return 0
        print(f"no subscription #{args.id}", file=sys.stderr)
        return 1

    return _run(_with_runtime(settings, body))
