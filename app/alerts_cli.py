"""`switchboard alerts raise/list` and `switchboard apikeys create/revoke/list`: the push API from the shell."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from core.errors import UserError
from core.services.alert_cards import SEVERITIES, state_line


def add_alerts_parsers(sub: Any) -> None:
    """The `alerts` and `apikeys` subcommands, hooked into `app.cli.build_parser`."""
    alerts = sub.add_parser("alerts", help="raise and list alerts")
    alerts_sub = alerts.add_subparsers(dest="alerts_command", required=True)
    raising = alerts_sub.add_parser("raise", help="raise an alert as the push API does")
    raising.add_argument("--topic", required=True)
    raising.add_argument("--title", required=True)
    raising.add_argument("--text", required=True)
    raising.add_argument("--severity", default="warning", choices=SEVERITIES)
    raising.add_argument("--key", help="dedup key: raising it again while the alert is live updates that alert")
    alerts_sub.add_parser("list", help="the live alerts (open, acknowledged, snoozed)")
    alerts.set_defaults(func=cmd_alerts)

    keys = sub.add_parser("apikeys", help="keys for the push API (POST /api/alerts)")
    keys_sub = keys.add_subparsers(dest="apikeys_command", required=True)
    keys_sub.add_parser("create", help="create a key; it is printed once").add_argument("name")
    keys_sub.add_parser("revoke", help="revoke a key by name").add_argument("name")
    keys_sub.add_parser("list", help="key names, prefixes and when each was last used")
    keys.set_defaults(func=cmd_apikeys)


def cmd_alerts(args: argparse.Namespace) -> int:
    from app.cli import _run, _settings, _with_runtime
    from core.services.alerts import AlertRequest

    async def body(runtime: Any) -> int:
        alerts = runtime.services.alerts
        if args.alerts_command == "raise":
            try:
                request = AlertRequest(args.topic, args.title, args.text, args.severity, args.key, source="cli")
            except UserError as error:
                print(error.message, file=sys.stderr)
                return 2
            raised = await alerts.raise_alert(request)
            what = f"raised alert #{raised.alert.id}, queued to {raised.queued} subscriber(s)" if raised.new else \
                f"updated live alert #{raised.alert.id} (raised {raised.alert.count} times)"
            print(what)
            return 0
        live = await alerts.live(limit=200)
        if not live:
            print("no open alerts")
        for alert in live:
            print(f"#{alert.id}\t{alert.severity}\t{alert.topic}\t{state_line(alert, alerts.zone)}\t{alert.title}")
        return 0

    return _run(_with_runtime(_settings(), body))


def cmd_apikeys(args: argparse.Namespace) -> int:
    from app.cli import _run, _settings, _with_runtime

    async def body(runtime: Any) -> int:
        keys = runtime.services.api_keys
        if args.apikeys_command == "create":
            try:
                key = await keys.create(args.name)
            except UserError as error:
                print(error.message, file=sys.stderr)
                return 2
            print(key)
            print(f"(the key for {args.name!r}: shown this once, stored only as a hash)", file=sys.stderr)
            return 0
        if args.apikeys_command == "revoke":
            if await keys.revoke(args.name):
                print(f"revoked {args.name}")
                return 0
            print(f"no live key named {args.name!r}", file=sys.stderr)
            return 1
        for info in await keys.all():
            state = f"revoked {info.revoked_at:%Y-%m-%d %H:%M}" if info.revoked_at else "live"
            used = f"{info.last_used_at:%Y-%m-%d %H:%M}" if info.last_used_at else "never"
            print(f"{info.name}\tsbk_{info.prefix}_…\t{state}\tlast used {used}")
        return 0

    return _run(_with_runtime(_settings(), body))
