"""The rows of a statement import as they are stored and shown: categories, duplicates, totals, recurring payments."""
from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from core.errors import BadInput
from core.money import from_minor, to_minor, validate_currency
from core.nlu.dates import in_range
from core.services.ledger_requests import DESCRIPTION_CHARS
from core.services.statement_reader import StatementRow

if TYPE_CHECKING:
    from core.services.ledger import LedgerService

SIMILAR_RATIO = 0.8
RECURRING_MIN_MONTHS = 3
RECURRING_TOLERANCE = Decimal("0.10")
MAX_HINTS = 3
_NOISE = re.compile(r"[\d\W_]+")


def normalised(description: str) -> str:
    """What two descriptions of one payment share: lower case, without digits (dates, card and reference numbers)
    and punctuation."""
    return " ".join(_NOISE.sub(" ", description.lower()).split())


def similar(a: str, b: str) -> bool:
    """Whether two normalised descriptions name the same payment: equal, one within the other, or nearly equal."""
    if a == b or (a and b and (a in b or b in a)):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR_RATIO


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One statement line as it will be written: amount in minor units of its (resolved) currency. `duplicate`:
    already in the ledger or earlier in the file, so it is skipped; `by_hand`: its category was chosen in Review."""

    line: int
    occurred_on: date
    description: str
    minor: int
    kind: str
    currency: str
    category: str
    duplicate: bool = False
    by_hand: bool = False

    @property
    def amount(self) -> Decimal:
        return from_minor(self.minor, self.currency)

    @property
    def key(self) -> tuple[date, int, str]:
        return self.occurred_on, self.minor, self.currency

    def as_list(self) -> list[Any]:
        return [self.line, self.occurred_on.isoformat(), self.description, self.minor, self.kind, self.currency,
                self.category, int(self.duplicate), int(self.by_hand)]

    @classmethod
    def from_list(cls, raw: Sequence[Any]) -> ImportRow:
        line, day, description, minor, kind, currency, category, duplicate, by_hand = raw
        return cls(int(line), date.fromisoformat(day), description, int(minor), kind, currency, category,
                   bool(duplicate), bool(by_hand))


def with_duplicates_flagged(rows: Sequence[ImportRow],
                            existing: Iterable[tuple[date, int, str, str]]) -> list[ImportRow]:
    """`rows` with those flagged that match a live entry (date, minor units, currency, description) or an earlier
    row of the file: same date, amount and currency and a similar description. In memory: one pass, and the
    description compared only among the few that share date and amount."""
    seen: dict[tuple[date, int, str], list[str]] = defaultdict(list)
    for day, minor, currency, description in existing:
        seen[(day, minor, currency)].append(normalised(description))
    flagged = []
    for row in rows:
        mine = normalised(row.description)
        others = seen.get(row.key)
        if others is not None and any(similar(mine, other) for other in others):
            flagged.append(replace(row, duplicate=True))
            continue
        seen[row.key].append(mine)
        flagged.append(replace(row, duplicate=False) if row.duplicate else row)
    return flagged


@dataclass(frozen=True, slots=True)
class Totals:
    """What the summary card counts, of the rows that would be written (duplicates apart)."""

    found: int
    duplicates: int
    uncategorised: int
    first: date | None
    last: date | None
    sums: dict[tuple[str, str], Decimal]  # (kind, currency) → total

    def of(self, kind: str) -> list[tuple[str, Decimal]]:
        return [(currency, total) for (k, currency), total in sorted(self.sums.items()) if k == kind]


def totals_of(rows: Sequence[ImportRow]) -> Totals:
    minor: dict[tuple[str, str], int] = defaultdict(int)
    duplicates = uncategorised = 0
    for row in rows:
        if row.duplicate:
            duplicates += 1
            continue
        minor[(row.kind, row.currency)] += row.minor
        uncategorised += row.category == "other"
    days = [row.occurred_on for row in rows]
    return Totals(len(rows), duplicates, uncategorised, min(days, default=None), max(days, default=None),
                  {key: from_minor(total, key[1]) for key, total in minor.items()})


@dataclass(frozen=True, slots=True)
class RecurringHint:
    """A payment seen in `months` different months at about the same amount: the latest amount and the usual day."""

    description: str
    minor: int
    currency: str
    day: int
    months: int

    @property
    def amount(self) -> Decimal:
        return from_minor(self.minor, self.currency)

    def as_list(self) -> list[Any]:
        return [self.description, self.minor, self.currency, self.day, self.months]

    @classmethod
    def from_list(cls, raw: Sequence[Any]) -> RecurringHint:
        description, minor, currency, day, months = raw
        return cls(description, int(minor), currency, int(day), int(months))


def recurring_hints(rows: Sequence[ImportRow], existing: Iterable[tuple[date, int, str, str]],
                    marked: set[tuple[str, str]]) -> list[RecurringHint]:
    """Expenses of the import that recur monthly with it and the ledger's earlier ones (similar descriptions, one
    currency): at least three different months, every amount within ±10 % of their median; not those already
    marked (normalised description, currency). The largest few first."""
    groups = _Groups()
    for row in rows:
        if row.kind == "expense" and not row.duplicate:
            groups.add(normalised(row.description), row.currency, (row.occurred_on, row.minor, row.description),
                       create=True)
    for day, minor, currency, description in existing:
        groups.add(normalised(description), currency, (day, minor, description), create=False)
    hints = []
    for (name, currency), items in groups.series.items():
        if not name or any(similar(name, done) for done, in_currency in marked if in_currency == currency):
            continue
        months = {(day.year, day.month) for day, _, _ in items}
        if len(months) < RECURRING_MIN_MONTHS:
            continue
        median = Decimal(statistics.median(minor for _, minor, _ in items))
        if median <= 0 or any(abs(minor - median) > median * RECURRING_TOLERANCE for _, minor, _ in items):
            continue
        latest = max(items, key=lambda item: item[0])
        usual_day = int(statistics.median_low(when.day for when, _, _ in items))
        hints.append(RecurringHint(latest[2], latest[1], currency, usual_day, len(months)))
    return sorted(hints, key=lambda hint: -hint.minor)[:MAX_HINTS]


class _Groups:
    """Payments grouped by similar description and currency; only descriptions that start with the same word are
    compared, so the many earlier entries cost a dictionary look-up each, not a comparison with every group."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, str], list[tuple[date, int, str]]] = defaultdict(list)
        self._by_first_word: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, name: str, currency: str, item: tuple[date, int, str], *, create: bool) -> None:
        bucket = self._by_first_word[(name.split(" ", 1)[0], currency)]
        group = next((known for known in bucket if similar(name, known)), None)
        if group is None:
            if not create:
                return
            bucket.append(name)
            group = name
        self.series[(group, currency)].append(item)


def too_large(filename: str, size: int | None, limit: int) -> BadInput:
    """The answer to a file over IMPORT_MAX_BYTES (`size` None: the download was stopped at the limit)."""
    told = f"is {size / 1_000_000:.1f} MB" if size is not None else "is larger than that"
    return BadInput(f"I import statements of up to {limit / 1_000_000:.1f} MB, and {filename} {told}. "
                    "Export a shorter period and send that.")


def checked_row(row: StatementRow, fallback: str, today: date, ledger: LedgerService) -> ImportRow:
    """A statement row with its amount, date and currency checked as any entry's are (line numbers say where)."""
    currency = fallback
    if row.currency:
        try:
            currency = validate_currency(row.currency)
        except ValueError:
            raise BadInput(f"Line {row.line}: I don't know the currency {row.currency!r}.") from None
    try:
        amount = ledger.checked_amount(row.amount)
    except BadInput as error:
        raise BadInput(f"Line {row.line}: {error.message}") from None
    if not in_range(row.occurred_on, today):
        raise BadInput(f"Line {row.line}: the date {row.occurred_on:%d %b %Y} is out of range.")
    minor = to_minor(amount, currency)
    if minor <= 0:
        raise BadInput(f"Line {row.line}: the amount rounds to zero in {currency}.")
    description = " ".join(row.description.split())[:DESCRIPTION_CHARS] or "(no description)"
    return ImportRow(row.line, row.occurred_on, description, minor, row.kind, currency, "other")


def newest_first(rows: Sequence[ImportRow]) -> list[int]:
    """The places of `rows` in the order Review shows them: newest first, as the file has them within a day."""
    return sorted(range(len(rows)), key=lambda n: (rows[n].occurred_on, -n), reverse=True)
