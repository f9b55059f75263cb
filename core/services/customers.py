"""Customer lookups: details with the balance, monthly billing and recharges; cached per card."""
from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from core.errors import NotFound, UserError
from core.oldest_first import work_started
from core.store import Store


class BillingSystemDown(UserError):
    outcome = "ccb_unavailable"

    def __init__(self) -> None:
        super().__init__("The billing system is not answering, try again shortly.")


class CustomerDirectory(Protocol):
    """Read-only access to the billing system (CC&B). Raises `BillingSystemDown` when it does not answer."""

    async def find(self, query: str, by: str, *, user: str) -> list[dict[str, Any]]:
        """Customer rows (details and `payoff_balance`) by "customer" id, "meter" number or either ("auto")."""

    async def monthly(self, acct_id: str, since: date, *, user: str) -> list[dict[str, Any]]: ...

    async def recharges(self, acct_id: str, limit: int, *, user: str) -> list[dict[str, Any]]: ...


@dataclass
class Lookup:
    """Everything the lookup card and its buttons show, so buttons need no new queries."""

    searched: str
    acct_id: str
    name: str
    phone: str
    address: str
    nocs: str
    meter_no: str
    status: str
    setup_dt: str
    balance: str
    months: list[list[str]] = field(default_factory=list)      # [month, kWh, charges, days]
    recharges: list[list[str]] = field(default_factory=list)   # [date, amount, channel]
    key: str = ""  # the card's key this result is kept under; its buttons carry it

    @property
    def balance_amount(self) -> Decimal:
        return Decimal(self.balance)

    def to_json(self) -> str:
        # the fields by hand: dataclasses.asdict deep-copies every list, which costs more than the JSON
        return json.dumps({f.name: getattr(self, f.name) for f in fields(self)})

    @classmethod
    def from_json(cls, raw: str) -> Lookup:
        return cls(**json.loads(raw))


class LookupService:
    def __init__(self, directory: CustomerDirectory, store: Store, *, months: int = 3, recharge_rows: int = 10,
                 cache_seconds: int = 1800) -> None:
        self._directory = directory
        self._store = store
        self._months = months
        self._recharge_rows = recharge_rows
        self._cache_seconds = cache_seconds

    async def search(self, key: str, query: str, by: str, *, user: str, today: date) -> Lookup:
        """Details, monthly billing and recharges of the customer `query` names. A customer id is the account:
        the three queries run at once. A meter number (or a bare number, which may be either) is resolved to
        its account by the details query first.

        The result is kept for the card that shows it under `key`, a key of that card alone: a chat may hold
        many people's cards at once, and each card's buttons must show the customer on that card."""
        work_started.set(time.monotonic())  # the lookup's queries queue for CC&B connections by this
        back = today.year * 12 + today.month - 1 - (self._months - 1)
        since = date(back // 12, back % 12 + 1, 1)
        directory, rows = self._directory, self._recharge_rows
        if by == "customer":
            found, months, recharges = await asyncio.gather(
                directory.find(query, by, user=user), directory.monthly(query, since, user=user),
                directory.recharges(query, rows, user=user))
            row = self._first(found, query, by)
        else:
            row = self._first(await directory.find(query, by, user=user), query, by)
            acct = str(row["acct_id"]).strip()
            months, recharges = await asyncio.gather(
                directory.monthly(acct, since, user=user), directory.recharges(acct, rows, user=user))
        lookup = Lookup(
            searched=query, acct_id=str(row["acct_id"]).strip(), name=str(row.get("customer_name") or ""),
            phone=str(row.get("phone") or ""),
            address=", ".join(str(row[k]).strip() for k in ("address1", "address2", "city") if row.get(k)),
            nocs=str(row.get("nocs") or "").strip(), meter_no=str(row.get("meter_no") or "").strip(),
            status={"20": "Active", "30": "Pending stop", "40": "Stopped", "70": "Reactivated"}.get(
                str(row.get("sa_status_flg") or "").strip(), str(row.get("sa_status_flg") or "")),
            setup_dt=str(row.get("setup_dt") or "")[:10], balance=str(Decimal(str(row.get("payoff_balance") or 0))),
            months=[[str(m["bill_month"])[:7], str(m["kwh"]), str(m["charges"]), str(m["billing_days"])]
                    for m in months],
            recharges=[[str(r["pay_dt"])[:10], str(r["tender_amt"]), str(r["channel"]).strip()] for r in recharges],
            key=key)
        await self._store.set(f"lookup:{key}", lookup.to_json(), self._cache_seconds)
        return lookup

    @staticmethod
    def _first(found: list[dict[str, Any]], query: str, by: str) -> dict[str, Any]:
        if not found:
            what = {"customer": "customer id", "meter": "meter number"}.get(by, "customer id or meter number")
            raise NotFound(f"No customer found for {what} {query}.")
        return found[0]

    async def cached(self, key: str) -> Lookup | None:
        """The result kept under the card's `key`, or None once it expired or was forgotten."""
        raw = await self._store.get(f"lookup:{key}")
        return None if raw is None else Lookup.from_json(raw)

    async def forget(self, key: str) -> None:
        await self._store.delete(f"lookup:{key}")
