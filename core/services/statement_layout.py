"""Find a bank statement's columns: the header row (or the data's shape) and a mapping that can be remembered."""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from core.errors import BadInput
from core.services.statement_cells import Unreadable, currency_of, parse_date, parse_money

HEADER_SCAN_ROWS = 20
MONEY_ROLES = ("amount", "debit", "credit")
# Header names per role, most telling first: with "Txn Date" and "Value Date" both present, the first wins.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("transaction date", "txn date", "trans date", "tran date", "trx date", "date", "posting date",
             "post date", "posted date", "booking date", "entry date", "date time", "date and time", "datetime",
             "value date", "datum", "buchungstag", "fecha", "date operation"),
    "description": ("description", "transaction description", "details", "transaction details", "narration",
                    "particulars", "remarks", "memo", "payee", "merchant", "description narration",
                    "verwendungszweck", "buchungstext", "omschrijving", "concepto", "libelle", "libellé",
                    "counterparty",
                    "sender receiver", "receiver", "transaction type", "trx type", "type", "reference"),
    "amount": ("amount", "transaction amount", "txn amount", "trx amount", "amt", "betrag", "bedrag", "importe",
               "montant"),
    "debit": ("debit", "debits", "withdrawal", "withdrawals", "dr", "money out", "paid out", "debit amount",
              "withdrawal amount", "outflow", "debit amt", "withdrawal amt"),
    "credit": ("credit", "credits", "deposit", "deposits", "cr", "money in", "paid in", "credit amount",
               "deposit amount", "inflow", "credit amt", "deposit amt"),
    "balance": ("balance", "running balance", "available balance", "ledger balance", "closing balance", "saldo"),
    "currency": ("currency", "ccy", "curr", "cur", "währung", "moneda", "devise"),
}
_RANKS = {name: (role, rank) for role, names in SYNONYMS.items() for rank, name in enumerate(names)}
_BRACKETED = re.compile(r"[(\[]([^)\]]*)[)\]]")
_CURRENCY_NOTE = re.compile(r"currency\W*(\w+)", re.I)


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    header_row: int           # 0-based index of the header row among the file's rows; -1 when the file has none
    date: int
    description: int
    amount: int | None = None      # one signed column (negative = money out) …
    debit: int | None = None       # … or separate debit (out) / credit (in) columns
    credit: int | None = None
    balance: int | None = None
    currency: int | None = None
    day_first: bool = True

    def __post_init__(self) -> None:
        columns = [c for c in self.columns().values() if c is not None]
        if self.header_row < -1 or any(c < 0 for c in columns) or len(set(columns)) != len(columns):
            raise ValueError(f"not a column mapping: {self!r}")
        if self.amount is None and self.debit is None and self.credit is None:
            raise ValueError("a column mapping needs an amount column or debit/credit columns")

    def columns(self) -> dict[str, int | None]:
        """Role → column index, for every role but the header row."""
        return {"date": self.date, "description": self.description, "amount": self.amount, "debit": self.debit,
                "credit": self.credit, "balance": self.balance, "currency": self.currency}

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMapping:
        known = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        for name, value in known.items():
            wanted: tuple[type, ...] = (bool,) if name == "day_first" else (int, type(None))
            if not isinstance(value, wanted) or (name != "day_first" and isinstance(value, bool)):
                raise ValueError(f"column mapping field {name} is {value!r}")
        try:
            return cls(**known)
        except TypeError as error:
            raise ValueError(f"incomplete column mapping: {data!r}") from error


def cell(row: list[object], index: int | None) -> object:
    return row[index] if index is not None and 0 <= index < len(row) else None


def text_of(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def is_blank(row: list[object]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def header_role(value: object) -> tuple[str, int, str | None] | None:
    """(role, rank, currency) for a header cell such as "Withdrawal Amt. (BDT)", or None."""
    if not isinstance(value, str) or len(value) > 60:
        return None
    currency = None
    for note in _BRACKETED.findall(value):
        currency = currency or currency_of(note)
    words = re.sub(r"[^\w]+", " ", _BRACKETED.sub(" ", value).lower()).split()
    if len(words) > 1 and words[-2] == "in" and currency_of(words[-1]):
        currency, words = currency_of(words[-1]), words[:-2]
    elif len(words) > 1 and (code := currency_of(words[-1])) and words[-1] not in ("dr", "cr"):
        currency, words = code, words[:-1]
    found = _RANKS.get(" ".join(words))
    return (found[0], found[1], currency) if found else None


def normalised_header(row: list[object]) -> list[str]:
    cells = [text_of(value).lower() for value in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


Role = tuple[str, int, str | None]  # (role, rank, currency named in the header)


def _group_row_above(rows: list[list[object]], index: int) -> list[object] | None:
    """A row of group labels over the header ("Amount (BDT)" over Withdrawal | Deposit), cells merged over both."""
    above = rows[index - 1] if index > 0 else []
    if any(header_role(value) for value in above) and not any(parse_date(value) for value in above):
        return above
    return None


def column_roles(rows: list[list[object]], index: int) -> dict[int, Role]:
    """column → role named by the header at `index`, or by a group row above where the header cell is blank."""
    roles: dict[int, Role] = {}
    above = _group_row_above(rows, index) or []
    for column in range(max(len(above), len(rows[index]))):
        lower = cell(rows[index], column)
        found = header_role(lower) if text_of(lower) else header_role(cell(above, column))
        if found:
            roles[column] = found
    return roles


def bank_key(rows: list[list[object]], mapping: ColumnMapping) -> str:
    """A fingerprint of the header: the same bank's exports share it, whatever their title block or data."""
    if mapping.header_row >= 0:
        above = _group_row_above(rows, mapping.header_row)
        head = normalised_header(rows[mapping.header_row])
        shape = "|".join([*normalised_header(above), "/", *head] if above else head)
    else:
        shape = "headerless|" + "|".join(f"{role}={column}" for role, column in mapping.columns().items())
    return hashlib.sha256(shape.encode()).hexdigest()[:16]


def _roles_at(rows: list[list[object]], index: int) -> dict[str, tuple[int, int, str | None]]:
    """role → (column, rank, currency) of the best-ranked cell naming it, leftmost on a tie."""
    roles: dict[str, tuple[int, int, str | None]] = {}
    for column, (role, rank, currency) in sorted(column_roles(rows, index).items()):
        if role not in roles or rank < roles[role][1]:
            roles[role] = (column, rank, currency)
    return roles


def find_header(rows: list[list[object]]) -> tuple[int, dict[str, tuple[int, int, str | None]]] | None:
    """The header row among the first rows: the one naming most roles (earliest on a tie), if it names two."""
    best: tuple[int, dict[str, tuple[int, int, str | None]]] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if sum(header_role(value) is not None for value in row) < 2 or any(parse_date(value) for value in row):
            continue
        roles = _roles_at(rows, index)
        if best is None or len(roles) > len(best[1]):
            best = index, roles
    return best


def header_currency(rows: list[list[object]], mapping: ColumnMapping, column: int | None) -> str | None:
    if mapping.header_row < 0 or column is None:
        return None
    found = column_roles(rows, mapping.header_row).get(column)
    return found[2] if found else None


def title_currency(rows: list[list[object]], mapping: ColumnMapping) -> str | None:
    """A currency the title block states ("Currency: BDT", "Account currency | BDT")."""
    for row in rows[:max(mapping.header_row, 0)]:
        texts = [text_of(value) for value in row]
        for at, text in enumerate(texts):
            if match := _CURRENCY_NOTE.search(text):
                return currency_of(match[1]) or currency_of(" ".join(texts[at + 1:at + 2]))
            if "currency" in text.lower() and at + 1 < len(texts):
                return currency_of(texts[at + 1])
    return None


def _headers_seen(row: list[object]) -> str:
    names = [text_of(value) for value in row if text_of(value)]
    return ", ".join(names[:12]) or "none"


def _column_profile(data: list[list[object]], column: int) -> tuple[float, float, float, bool]:
    """(share of dates, share of amounts, mean text length, has negatives) over the column's filled cells."""
    filled = [value for row in data if (value := cell(row, column)) is not None and text_of(value)]
    if not filled:
        return 0.0, 0.0, 0.0, False
    dates = sum(parse_date(value) is not None for value in filled)
    amounts, negative = 0, False
    for value in filled:
        try:
            money = parse_money(value)
        except (Unreadable, ArithmeticError):
            continue
        if money is not None and not (isinstance(value, str) and len(value.strip()) >= 8 and value.strip().isdigit()):
            amounts += 1
            negative = negative or money.value < 0
    length = sum(len(text_of(value)) for value in filled) / len(filled)
    return dates / len(filled), amounts / len(filled), length, negative


def _date_column(data: list[list[object]], width: int, taken: set[int]) -> int | None:
    shares = {c: _column_profile(data, c)[0] for c in range(width) if c not in taken}
    best = max(shares, key=lambda c: (shares[c], -c), default=None)
    return best if best is not None and shares[best] >= 0.6 else None


def _text_column(data: list[list[object]], width: int, taken: set[int]) -> int | None:
    profiles = {c: _column_profile(data, c) for c in range(width) if c not in taken}
    texts = [c for c, p in profiles.items() if p[2] and p[0] < 0.5 and p[1] < 0.5]
    return max(texts, key=lambda c: (profiles[c][2], -c), default=None)


def _infer_headerless(rows: list[list[object]], filename: str) -> ColumnMapping:
    sample = rows[:200]
    width = max((len(row) for row in sample), default=0)
    date = _date_column(sample, width, set())
    if date is None:
        raise BadInput(f"I couldn't find a date column in {filename}: there is no header row (such as Date, "
                       "Description, Amount) in its first 20 rows and no column of dates. Name the headers "
                       "you see, or export the statement again with its header row.")
    data = [row for row in sample if parse_date(cell(row, date))]
    profiles = {c: _column_profile(data, c) for c in range(width) if c != date}
    numbers = [c for c, p in profiles.items() if p[1] >= 0.9]
    fill = {c: sum(text_of(cell(row, c)) not in ("", "-") for row in data) / max(len(data), 1) for c in numbers}
    full = [c for c in numbers if fill[c] >= 0.9]
    sparse = [c for c in numbers if fill[c] < 0.9]
    columns: dict[str, int | None] = {}
    if len(sparse) >= 2 and fill[sparse[0]] + fill[sparse[1]] >= 0.9:
        columns = {"debit": sparse[0], "credit": sparse[1], "balance": full[-1] if full else None}
    elif full:
        signed = [c for c in full if profiles[c][3]]
        amount = signed[0] if len(signed) == 1 else full[0]
        columns = {"amount": amount, "balance": full[-1] if full[-1] != amount else None}
    else:
        raise BadInput(f"I couldn't find an amount column in {filename}: it has no header row and no column "
                       "of amounts. Name the headers you see, or export it again with its header row.")
    taken = {date, *(c for c in columns.values() if c is not None)}
    description = _text_column(data, width, taken)
    if description is None:
        raise BadInput(f"I couldn't find a description column in {filename}. Export it again with its header row.")
    return ColumnMapping(header_row=-1, date=date, description=description, amount=columns.get("amount"),
                         debit=columns.get("debit"), credit=columns.get("credit"), balance=columns.get("balance"))


def detect(rows: list[list[object]], filename: str) -> ColumnMapping:
    """The columns of a statement read afresh: from its header row, or from the shape of its data."""
    found = find_header(rows)
    if found is None:
        return _infer_headerless(rows, filename)
    header_row, roles = found
    header = rows[header_row]
    columns = {role: at[0] for role, at in roles.items()}
    if ("debit" in columns and "credit" in columns) or "amount" not in columns:
        columns.pop("amount", None)
    else:
        columns.pop("debit", None)
        columns.pop("credit", None)
    data = rows[header_row + 1:header_row + 201]
    width = max((len(row) for row in [header, *data]), default=0)
    if "date" not in columns and (date := _date_column(data, width, set(columns.values()))) is not None:
        columns["date"] = date
    if "date" not in columns:
        raise BadInput(f"I couldn't find a date column in {filename}: the headers I see are "
                       f"{_headers_seen(header)}. Name the one that holds the dates (or rename it Date).")
    if not any(role in columns for role in MONEY_ROLES):
        raise BadInput(f"I couldn't find an amount column in {filename}: the headers I see are "
                       f"{_headers_seen(header)}. Name the one that holds the amounts (or rename it Amount, "
                       "or Debit and Credit).")
    if "description" not in columns:
        description = _text_column(data, width, set(columns.values()))
        if description is None:
            raise BadInput(f"I couldn't find a description column in {filename}: the headers I see are "
                           f"{_headers_seen(header)}. Name the one that describes each transaction.")
        columns["description"] = description
    return ColumnMapping(header_row=header_row, date=columns["date"], description=columns["description"],
                         amount=columns.get("amount"), debit=columns.get("debit"), credit=columns.get("credit"),
                         balance=columns.get("balance"), currency=columns.get("currency"))


def check_remembered(rows: list[list[object]], mapping: ColumnMapping, filename: str) -> None:
    """Refuse a remembered mapping when this file's header row no longer says what it said then."""
    changed = f"{filename} doesn't match the layout I remembered for this statement"
    if mapping.header_row < 0:
        if find_header(rows) is not None:
            raise BadInput(f"{changed}: it now has a header row. Import it as a new layout.")
        return
    header = rows[mapping.header_row] if mapping.header_row < len(rows) else []
    roles = column_roles(rows, mapping.header_row) if header else {}
    for role, column in mapping.columns().items():
        if column is None:
            continue
        value = cell(header, column)
        found = roles.get(column)
        if (text_of(value) or found) and not parse_date(value) and (not found or found[0] == role):
            continue
        elsewhere = find_header(rows)
        if elsewhere is not None and elsewhere[0] != mapping.header_row:
            raise BadInput(f"{changed}: its headers are now on row {elsewhere[0] + 1}, not row "
                           f"{mapping.header_row + 1} ({_headers_seen(rows[elsewhere[0]])}). "
                           "Import it as a new layout.")
        now = repr(text_of(value)) if text_of(value) else "nothing"
        raise BadInput(f"{changed}: column {column + 1} of row {mapping.header_row + 1} was the {role} and now "
                       f"reads {now} (the headers I see there are {_headers_seen(header)}). "
                       "Import it as a new layout.")
