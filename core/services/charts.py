"""Spending charts as PNG (by category, and the trend over the period), drawn by Matplotlib off the event loop and
kept in a small in-process LRU keyed by what they show."""
from __future__ import annotations

import asyncio
import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.money import format_money, symbol

WIDTH, HEIGHT, DPI = 8.0, 7.0, 100  # 800 × 700 px: legible in a phone's chat, small enough for a Teams message
SIZE = (int(WIDTH * DPI), int(HEIGHT * DPI))
MAX_BARS = 8  # categories beyond these are drawn as one "others" bar
DAILY_UP_TO = 31  # days: a longer period's trend is drawn per month
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
# Noto Sans for Latin text, Noto Sans Bengali for ৳ and Bengali (Debian fonts-noto-core), DejaVu as the last resort
FONT_FILES = {"latin": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
              "latin_bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
              "bengali": ("NotoSansBengali-Regular.ttf",), "bengali_bold": ("NotoSansBengali-Bold.ttf",)}
BAR, TREND, TEXT, GRID = "#2f6f9f", "#e0833a", "#222222", "#dddddd"


@dataclass(frozen=True, slots=True)
class ChartData:
    """What a chart shows, in one currency: totals per category, and what was spent on each day of the period."""

    title: str
    currency: str
    start: date
    end: date
    categories: tuple[tuple[str, Decimal], ...]
    daily: tuple[tuple[date, Decimal], ...]
    locale: str = "en_IN"

    def fingerprint(self) -> str:
        """Changes whenever anything drawn changes: the cache key's part that follows the data."""
        return hashlib.sha256(repr((self.title, self.currency, self.start, self.end, self.categories, self.daily,
                                    self.locale)).encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Fonts:
    """Font files found on this machine, and the characters they can draw together."""

    files: tuple[Path, ...]
    bold: tuple[Path, ...]
    covered: frozenset[int]

    def draws(self, text: str) -> bool:
        return all(ord(char) in self.covered or char.isspace() for char in text)


def find_font(names: Sequence[str], dirs: Sequence[Path] = FONT_DIRS) -> Path | None:
    for name in names:
        for folder in dirs:
            found = next(iter(sorted(folder.rglob(name))), None) if folder.is_dir() else None
            if found is not None:
                return found
    return None


@lru_cache(maxsize=1)
def system_fonts() -> Fonts:
    """Looked up once per process: Noto Sans (or DejaVu Sans) and, where installed, Noto Sans Bengali."""
    found = {role: find_font(names) for role, names in FONT_FILES.items()}
    pairs = [(found[role], found[f"{role}_bold"] or found[role]) for role in ("latin", "bengali")]
    files = tuple(regular for regular, _ in pairs if regular is not None)
    bold = tuple(heavy for regular, heavy in pairs if regular is not None and heavy is not None)
    return Fonts(files, bold, coverage(files))


def coverage(files: Sequence[Path]) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in files:
        with TTFont(path, lazy=True) as font:
            covered.update(font.getBestCmap() or {})
    return frozenset(covered)


def money_text(amount: Decimal, currency: str, locale: str, fonts: Fonts) -> str:
    """`format_money`, with the currency's code in place of a symbol no font here can draw ("BDT 1,200.00")."""
    text = format_money(amount, currency, locale)
    sign = symbol(currency, locale)
    if fonts.draws(sign):
        return text
    return text.replace(sign, f"{currency} ", 1)


def unit_text(currency: str, locale: str, fonts: Fonts) -> str:
    sign = symbol(currency, locale)
    return sign if fonts.draws(sign) else currency


def trend(data: ChartData) -> tuple[str, list[tuple[str, Decimal]]]:
    """("day", every day of the period) for a month or less, otherwise ("month", every month), zeros included."""
    spent: dict[date, Decimal] = {}
    for day, amount in data.daily:
        spent[day] = spent.get(day, Decimal(0)) + amount
    if (data.end - data.start).days < DAILY_UP_TO:
        days = [data.start + timedelta(days=n) for n in range((data.end - data.start).days + 1)]
        return "day", [(f"{day.day}", spent.get(day, Decimal(0))) for day in days]
    months: dict[tuple[int, int], Decimal] = {}
    cursor = data.start.replace(day=1)
    while cursor <= data.end:
        months[(cursor.year, cursor.month)] = Decimal(0)
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    for day, amount in spent.items():
        months[(day.year, day.month)] = months.get((day.year, day.month), Decimal(0)) + amount
    many_years = data.start.year != data.end.year
    return "month", [(date(y, m, 1).strftime("%b %y" if many_years else "%b"), amount)
                     for (y, m), amount in sorted(months.items())]


def bars(data: ChartData) -> list[tuple[str, Decimal]]:
    """Categories largest first; past `MAX_BARS`, the smallest are summed as "others"."""
    ranked = sorted(data.categories, key=lambda item: (-item[1], item[0]))
    if len(ranked) <= MAX_BARS:
        return ranked
    kept, rest = ranked[:MAX_BARS - 1], ranked[MAX_BARS - 1:]
    return [*kept, (f"{len(rest)} others", sum((amount for _, amount in rest), start=Decimal(0)))]


def render_png(data: ChartData, fonts: Fonts | None = None) -> bytes:
    """The chart as PNG bytes. Blocking (several hundredths of a second of CPU): call it off the event loop. Uses
    only Matplotlib's object-oriented API on its own `Figure`, so renders in several threads do not share state.

    Bars are one polygon collection per axes and every label is a plain text artist: Matplotlib's bar patches and
    tick machinery (two lines and two texts per tick, rebuilt at each draw) took 40 % of a render."""
    fonts = fonts or system_fonts()
    import matplotlib

    matplotlib.use("Agg", force=False)  # before pyplot could ever be imported; this process never needs a window
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    families = _families(fonts.files + fonts.bold) or ["DejaVu Sans"]
    regular = FontProperties(family=families)
    bold = FontProperties(family=families, weight="bold")
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    # fixed places (room for 16-letter category names) instead of a layout engine, which draws every text twice
    by_category = figure.add_axes((0.17, 0.467, 0.8, 0.433))
    over_time = figure.add_axes((0.17, 0.07, 0.8, 0.289))
    figure.suptitle(data.title, fontproperties=bold, fontsize=15, color=TEXT)
    _draw_categories(by_category, data, fonts, regular)
    step = _draw_trend(over_time, data, fonts, regular)
    for axes, title in ((by_category, "By category"), (over_time, f"Per {step}")):
        axes.set_title(title, loc="left", fontproperties=bold, fontsize=12, color=TEXT)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return _palette(canvas.buffer_rgba(), canvas.get_width_height())


def _draw_categories(axes: Any, data: ChartData, fonts: Fonts, regular: Any) -> None:
    """Horizontal bars, largest on top, the category's name left of each and its amount right of it."""
    from matplotlib.collections import PolyCollection
    from matplotlib.ticker import NullLocator
    from matplotlib.transforms import blended_transform_factory

    shown = bars(data)
    amounts = [float(amount) for _, amount in shown]
    right = max(amounts, default=1.0) * 1.3 or 1.0  # room for the labels right of the bars
    axes.add_collection(PolyCollection([((0, i - 0.3), (a, i - 0.3), (a, i + 0.3), (0, i + 0.3))
                                        for i, a in enumerate(amounts)], facecolors=BAR, edgecolors="none"),
                        autolim=False)
    axes.set_xlim(0, right)
    axes.set_ylim(max(len(shown), 1) - 0.5, -0.5)  # an empty period keeps one row's height, not a zero-height axis
    axes.xaxis.set_major_locator(NullLocator())
    axes.yaxis.set_major_locator(NullLocator())
    left_of = blended_transform_factory(axes.transAxes, axes.transData)
    for i, (name, amount) in enumerate(shown):
        axes.text(-0.015, i, name if len(name) <= 16 else name[:15] + "…", transform=left_of, ha="right",
                  va="center", fontproperties=regular, fontsize=11, color=TEXT)
        axes.text(amounts[i] + right * 0.006, i, money_text(amount, data.currency, data.locale, fonts), ha="left",
                  va="center", fontproperties=regular, fontsize=10, color=TEXT)


def _draw_trend(axes: Any, data: ChartData, fonts: Fonts, regular: Any) -> str:
    """Vertical bars per day or month, at most a dozen labels under them, a few rounded amounts with grid lines."""
    from matplotlib.collections import PolyCollection
    from matplotlib.ticker import MaxNLocator, NullLocator
    from matplotlib.transforms import blended_transform_factory

    step, points = trend(data)
    heights = [float(amount) for _, amount in points]
    axes.add_collection(PolyCollection([((i - 0.35, 0), (i + 0.35, 0), (i + 0.35, h), (i - 0.35, h))
                                        for i, h in enumerate(heights)], facecolors=TREND, edgecolors="none"),
                        autolim=False)
    peak = max(heights, default=0.0) or 1.0
    axes.set_xlim(-0.8, len(points) - 0.2)
    axes.set_ylim(0, peak * 1.05)
    axes.xaxis.set_major_locator(NullLocator())
    axes.yaxis.set_major_locator(NullLocator())
    left_of = blended_transform_factory(axes.transAxes, axes.transData)
    below = blended_transform_factory(axes.transData, axes.transAxes)
    levels = [level for level in MaxNLocator(nbins=5).tick_values(0, peak) if 0 <= level <= peak * 1.05]
    if not any(heights):
        levels = [0.0]  # nothing spent: no made-up scale above the zero line
    axes.hlines(levels, 0, 1, transform=left_of, colors=GRID, linewidth=0.8, zorder=0)
    for level in levels:
        axes.text(-0.012, level, _compact(level), transform=left_of, ha="right", va="center",
                  fontproperties=regular, fontsize=9, color=TEXT)
    for i in range(0, len(points), max(1, len(points) // 12)):
        axes.text(i, -0.03, points[i][0], transform=below, ha="center", va="top", fontproperties=regular,
                  fontsize=9, color=TEXT)
    axes.text(-0.08, 0.5, f"{unit_text(data.currency, data.locale, fonts)} per {step}", transform=axes.transAxes,
              rotation=90, ha="center", va="center", fontproperties=regular, fontsize=10, color=TEXT)
    return step


_registering = threading.Lock()


def _families(files: tuple[Path, ...]) -> list[str]:
    """The files' family names, registered once with Matplotlib's font manager; listed in order, Matplotlib draws
    each glyph in the first family that has it."""
    with _registering:
        return list(dict.fromkeys(_register(path) for path in files))


@lru_cache(maxsize=16)
def _register(path: Path) -> str:
    from matplotlib.font_manager import fontManager

    fontManager.addfont(str(path))
    return str(fontManager.ttflist[-1].name)


def _compact(value: float) -> str:
    for bound, suffix in ((1e7, "cr"), (1e5, "L"), (1e3, "k")):  # crore and lakh: how amounts are said here
        if abs(value) >= bound:
            return f"{value / bound:g}{suffix}"
    return f"{value:g}"


def _palette(rgba: Any, size: tuple[int, int]) -> bytes:
    """The drawn pixels as a PNG in 256 colours (encoded once, straight from the canvas): a third of the bytes of
    a full-colour one, so it fits a Teams message with room to spare."""
    from PIL import Image

    image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", compress_level=6)
    return out.getvalue()


class Charts:
    """Rendered charts by (scope, data fingerprint), least recently used dropped first.

    In process rather than in the Store: a key names its data, so a copy never goes stale and a replica that
    misses only renders once; and 50-100 kB PNGs would otherwise ride Redis' auto-pipeline beside the small
    dedup and rate-limit commands of every other turn."""

    def __init__(self, size: int = 64, render: Any = render_png) -> None:
        self._size = size
        self._render = render
        self._pngs: OrderedDict[tuple[Hashable, str], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    async def png(self, data: ChartData, scope: Hashable) -> bytes:
        """The chart for `data` in `scope` (chat, period, filters): from the cache, or rendered in a thread."""
        key = (scope, data.fingerprint())
        with self._lock:
            cached = self._pngs.get(key)
            if cached is not None:
                self._pngs.move_to_end(key)
                self.hits += 1
                return cached
            self.misses += 1
        png: bytes = await asyncio.to_thread(self._render, data)
        with self._lock:
            self._pngs[key] = png
            self._pngs.move_to_end(key)
            while len(self._pngs) > self._size:
                self._pngs.popitem(last=False)
        return png
