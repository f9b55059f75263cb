"""Telegram channel: webhook and polling transport, mapping, rendering and the rate-limited notifier."""
