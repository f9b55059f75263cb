"""Budget alerts: when saved spending crosses 80 % or 100 % of a budget, the chat that owns it is told once per
threshold and period, through the alert path (topic `budget`), as a notice without buttons."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from core.services.alerts import AlertRequest, Alerts, Raised
from core.services.reports import BudgetStatus, budget_period
from core.turn import Address

THRESHOLDS = (100, 80)  # highest first: one save that jumps past both says only the higher


async def tell_crossed(alerts: Alerts, address: Address, chat_id: int, statuses: Sequence[BudgetStatus], day: date,
                       money: Callable[[Decimal, str], str]) -> list[Raised]:
    """Raise the notice of the highest threshold each budget has reached in `day`'s period, unless this chat was
    told that threshold this period already; the notices raised now."""
    raised = []
    for status in statuses:
        if status.limit <= 0:
            continue
        used = status.spent / status.limit * 100
        reached = next((t for t in THRESHOLDS if used >= t), None)
        if reached is None:
            continue
        period = budget_period(day, status.period)
        request = AlertRequest(
            "budget", f"{reached}% of the {status.category} budget used",
            f"{money(status.spent, status.currency)} of {money(status.limit, status.currency)} {status.counted_in}.",
            severity="critical" if reached >= 100 else "warning",
            key=f"{chat_id}:{status.category}:{status.currency}:{period.start:%Y-%m-%d}:{reached}",
            facts=(("Budget", f"{status.category} ({status.period})"), ("Used", f"{used:.0f}%")),
            source="budget", actionable=False, targets=((address.channel, address.chat_id),), once=True)
        result = await alerts.raise_alert(request)
        if result.new:
            raised.append(result)
    return raised
