"""Checks an LLM's parse against the message itself: nothing may appear that the user did not write."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from core.intents import PARSER_INTENTS, Intent
from core.money import ISO_CURRENCIES
from core.nlu import mentions as mention_text
from core.nlu.money import find_money

VIEWS = ("summary", "balance", "billing", "recharge")


class InvalidParse(ValueError):
    """The model's answer does not hold up against the message."""


def validated(raw: dict[str, Any], text: str, confidence_cap: float = 0.95) -> Intent:
    """An `Intent` from a model's tool arguments, or `InvalidParse` naming the first problem."""
    name = raw.get("intent")
    if name not in PARSER_INTENTS:
        raise InvalidParse(f"unknown intent {name!r}")
    entities: dict[str, Any] = {}
    amount = raw.get("amount")
    if amount not in (None, ""):
        value = _decimal(str(amount))
        if not any(m.amount == value and not m.numeral for m in find_money(text)):
            raise InvalidParse(f"amount {amount} does not appear in the message")
        entities["amount"] = format(value, "f")
    currency = raw.get("currency")
    if currency:
        if str(currency).upper() not in ISO_CURRENCIES:
            raise InvalidParse(f"currency {currency!r} is not ISO 4217")
        entities["currency"] = str(currency).upper()
    elif "amount" in entities:
        entities["currency"] = None
    if raw.get("direction") in ("expense", "income"):
        entities["direction"] = raw["direction"]
    for key in ("description", "category", "topic"):
        if raw.get(key):
            entities[key] = str(raw[key])[:200]
    if raw.get("date"):
        entities["date"] = _iso_date(raw["date"]).isoformat()
    mentioned = [span.name.lower() for span in mention_text.clean(text).mentions]
    names = [str(n).lstrip("@") for n in raw.get("mentions") or []]
    for name_ in names:
        if name_.lower() not in mentioned:
            raise InvalidParse(f"mention {name_!r} is not in the message")
    if names:
        entities["mentions"] = names
    if raw.get("query"):
        query = str(raw["query"])
        if not query.isdigit() or query not in re.sub(r"\D", " ", text).split():
            raise InvalidParse(f"customer query {query!r} is not a number in the message")
        entities["query"] = query
        entities["by"] = raw.get("by") if raw.get("by") in ("customer", "meter", "auto") else "auto"
        entities["view"] = raw.get("view") if raw.get("view") in VIEWS else "summary"
    if raw.get("period_start") and raw.get("period_end"):
        start, end = _iso_date(raw["period_start"]), _iso_date(raw["period_end"])
        if end < start:
            raise InvalidParse("period ends before it starts")
        entities["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    if name == "record_transaction" and "amount" not in entities:
        raise InvalidParse("a transaction without an amount")
    confidence = float(raw.get("confidence") or 0.8)
    return Intent(name, max(0.0, min(confidence, confidence_cap)), entities, parser="openai")


def _decimal(raw: str) -> Decimal:
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise InvalidParse(f"amount {raw!r} is not a number") from None
    if not value.is_finite():
        raise InvalidParse(f"amount {raw!r} is not a number")
    return value


def _iso_date(raw: Any) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise InvalidParse(f"date {raw!r} is not YYYY-MM-DD") from None
