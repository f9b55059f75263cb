"""A period of the ledger as a PDF report (fpdf2): totals per category and currency, the spending chart, the
balances of a group, and every entry; Bengali text shaped with HarfBuzz in an embedded Noto font."""
from __future__ import annotations

import io
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from core.models import Entry
from core.money import from_minor
from core.services.charts import ChartData, Fonts, money_text, system_fonts

MIME = "application/pdf"
TAKA = "৳"
KIND_WORDS = {"expense": "Spending", "income": "Income", "settlement": "Settlements"}
ENTRY_COLUMNS = ("Date", "Description", "Category", "Paid by", "Amount")
ENTRY_WIDTHS = (22, 70, 34, 30, 34)  # millimetres of the A4 page's 190 between the margins


@dataclass(frozen=True, slots=True)
class Report:
    """What the PDF shows. `balances` are sentences ("bob owes alice ৳450.00"), only for a group chat."""

    chat: str
    start: date
    end: date
    entries: Sequence[tuple[Entry, str]]
    balances: Sequence[str] = ()
    group: bool = False
    chart: bytes | None = None
    locale: str = "en_IN"

    @property
    def period(self) -> str:
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"


def spending_chart(title: str, entries: Sequence[tuple[Entry, str]], start: date, end: date,
                   locale: str) -> ChartData | None:
    """The chart of the report's spending, in the currency most of it was in (amounts are never summed across
    currencies); None when nothing was spent."""
    spent = [entry for entry, _ in entries if entry.kind == "expense"]
    if not spent:
        return None
    currency = Counter(entry.currency for entry in spent).most_common(1)[0][0]
    categories: dict[str, int] = defaultdict(int)
    days: dict[date, int] = defaultdict(int)
    for entry in spent:
        if entry.currency == currency:
            categories[entry.category] += entry.amount_minor
            days[entry.occurred_on] += entry.amount_minor
    return ChartData(title, currency, start, end,
                     tuple((name, from_minor(minor, currency)) for name, minor in sorted(categories.items())),
                     tuple((day, from_minor(minor, currency)) for day, minor in sorted(days.items())), locale)


def totals(entries: Sequence[tuple[Entry, str]]) -> list[tuple[str, str, str, int, Decimal]]:
    """(kind, currency, category, count, amount) per kind, currency and category, largest first."""
    summed: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for entry, _ in entries:
        row = summed[(entry.kind, entry.currency, entry.category)]
        row[0] += 1
        row[1] += entry.amount_minor
    return sorted(((kind, currency, category, count, from_minor(minor, currency))
                   for (kind, currency, category), (count, minor) in summed.items()),
                  key=lambda t: (list(KIND_WORDS).index(t[0]) if t[0] in KIND_WORDS else 9, t[1], -t[4], t[2]))


def build_pdf(report: Report, fonts: Fonts | None = None) -> bytes:
    """The report as PDF bytes. Blocking (a thousand entries take about a second): call it off the event loop."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    fonts = fonts or system_fonts()
    pdf = FPDF(format="A4")
    pdf.set_margins(10, 12, 10)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(_plain(f"Ledger · {report.chat} · {report.period}"))
    pdf.set_creator("Switchboard")
    face = _fonts(pdf, fonts)

    def text(value: str) -> str:
        return value if face != "helvetica" else _plain(value)

    def shown(value: str) -> str:  # what no font here can draw becomes "?" rather than an empty box
        if face == "helvetica":
            return _plain(value)
        value = value if fonts.draws(TAKA) else value.replace(TAKA, "BDT ")  # as `money_text` writes it
        return "".join(c if fonts.draws(c) else "?" for c in value)

    def money(amount: Decimal, currency: str) -> str:
        return text(money_text(amount, currency, report.locale, fonts))

    pdf.add_page()
    pdf.set_font(face, "B", 18)
    pdf.multi_cell(0, 9, shown(f"Ledger · {report.chat}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(face, "", 11)
    generated = datetime.now(UTC).strftime("%d %b %Y %H:%M UTC")
    pdf.cell(0, 6, text(f"{report.period} · {len(report.entries)} entries · made {generated}"),
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    _heading(pdf, face, "Totals")
    rows = totals(report.entries)
    if not rows:
        pdf.cell(0, 6, "Nothing recorded in this period.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    with pdf.table(col_widths=(30, 60, 20, 40), width=150, align="LEFT", text_align=("LEFT", "LEFT", "RIGHT",
                   "RIGHT"), line_height=6, first_row_as_headings=True) as table:
        table.row(("Kind", "Category", "Entries", "Amount"))
        for (kind, currency), group in _grouped(rows).items():
            for _, _, category, count, amount in group:
                table.row((KIND_WORDS.get(kind, kind), shown(category), str(count), money(amount, currency)))
            total = sum((amount for *_, amount in group), start=Decimal(0))
            table.row((f"{KIND_WORDS.get(kind, kind)} total", currency, str(sum(r[3] for r in group)),
                       money(total, currency)))

    if report.chart:
        pdf.ln(4)
        _heading(pdf, face, "Spending chart")
        width = 150
        if pdf.get_y() + width * 7 / 8 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(io.BytesIO(report.chart), w=width)

    if report.group:
        pdf.ln(4)
        _heading(pdf, face, "Balances")
        lines = list(report.balances) or ["Everyone is settled up in this chat."]
        for line in lines:
            pdf.multi_cell(0, 6, shown(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.ln(4)
    _heading(pdf, face, "Entries")
    pdf.set_font(face, "", 9)
    shaping = face != "helvetica"
    _entry_row(pdf, ENTRY_COLUMNS, shaping, heading=True)
    for entry, payer in report.entries:
        category = entry.category if entry.kind == "expense" else f"{entry.kind}: {entry.category}"
        if _entry_row(pdf, (entry.occurred_on.isoformat(), shown(entry.description), shown(category), shown(payer),
                            money(from_minor(entry.amount_minor, entry.currency), entry.currency)), shaping):
            _entry_row(pdf, ENTRY_COLUMNS, shaping, heading=True)  # a new page: the headings again
    return bytes(pdf.output())


def _fonts(pdf: object, fonts: Fonts) -> str:
    """Embed the fonts found (Latin first, Bengali as the fallback for what it lacks); Helvetica when none is."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    if not fonts.files:
        return "helvetica"
    names = []
    for n, (regular, bold) in enumerate(zip(fonts.files, fonts.bold, strict=False)):
        name = f"face{n}"
        pdf.add_font(name, "", str(regular))
        pdf.add_font(name, "B", str(bold))
        names.append(name)
    if len(names) > 1:
        pdf.set_fallback_fonts(names[1:])
    pdf.set_text_shaping(True)  # Bengali vowel signs and conjuncts need shaping to read right
    return names[0]


def _entry_row(pdf: object, cells: Sequence[str], shaping: bool, heading: bool = False) -> bool:
    """One line of the entries table, drawn cell by cell (fpdf2's table() takes ~15 ms a row, this ~1 ms); only a
    description too wide for its column wraps. True when the row began a new page."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    assert isinstance(pdf, FPDF)
    pdf.set_font(style="B" if heading else "")
    line = 5.0
    description = cells[1]
    _shape(pdf, shaping, description)
    wraps = pdf.get_string_width(description) > ENTRY_WIDTHS[1] - 2 * pdf.c_margin
    wrapped = pdf.multi_cell(ENTRY_WIDTHS[1], line, description, dry_run=True, output="LINES") if wraps else []
    lines = max(1, len(wrapped) if isinstance(wrapped, list) else 1)
    height = line * lines
    paged = pdf.will_page_break(height)
    if paged:
        pdf.add_page()
    x, y = pdf.get_x(), pdf.get_y()
    for n, (text, width) in enumerate(zip(cells, ENTRY_WIDTHS, strict=True)):
        _shape(pdf, shaping, text)
        if n == 1 and wraps:
            pdf.multi_cell(width, line, text, border="B", new_x=XPos.RIGHT, new_y=YPos.TOP, max_line_height=line)
        else:
            pdf.cell(width, height, text, border="B", align="R" if n == 4 else "L", new_x=XPos.RIGHT,
                     new_y=YPos.TOP)
    pdf.set_xy(x, y + height)
    return paged


def _shape(pdf: object, shaping: bool, text: str) -> None:
    """HarfBuzz shaping only for text with combining marks (Bengali vowel signs, conjuncts): shaping every cell
    would double the time of a long report."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    needed = shaping and any(unicodedata.category(char).startswith("M") for char in text if ord(char) > 0x2FF)
    if needed != bool(pdf.text_shaping):
        pdf.set_text_shaping(needed)


def _heading(pdf: object, face: str, title: str) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    assert isinstance(pdf, FPDF)
    pdf.set_font(face, "B", 13)
    pdf.cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(face, "", 10)


def _grouped(rows: list[tuple[str, str, str, int, Decimal]]) -> dict[tuple[str, str], list[tuple[str, str, str, int,
                                                                                                Decimal]]]:
    grouped: dict[tuple[str, str], list[tuple[str, str, str, int, Decimal]]] = {}
    for row in rows:
        grouped.setdefault((row[0], row[1]), []).append(row)
    return grouped


def _plain(value: str) -> str:
    """For the built-in Helvetica (Latin-1 only): the taka sign spelt out, anything else it lacks as "?"."""
    return value.replace(TAKA, "BDT ").replace("·", "-").replace("–", "-").encode("latin-1", "replace").decode(
        "latin-1")
