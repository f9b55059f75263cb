"""When a snooze said as a time ends: "till 9", "until 7am", "till morning", "for tonight", "kal sokal porjonto"."""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta

# what each word names, as a clock time; the snooze ends at its next coming
NAMED = {"morning": time(9), "sokal": time(9), "shokal": time(9), "noon": time(12), "evening": time(18),
         "eod": time(18), "end of day": time(18), "end of the day": time(18), "night": time(21), "rat": time(21),
         "raat": time(21), "midnight": time(0), "rest of the day": time(0)}
# the night, said as such, lasts till the morning after
OVERNIGHT = ("tonight", "the night", "overnight", "rest of the night")
SMALL_HOURS_END = 5
CLOCK_RE = re.compile(r"\b(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))? ?(?P<half>am|pm|ta|tay)?\b")


def snooze_end(said: str, now: datetime) -> datetime | None:
    """The end of a snooze said as a time, in `now`'s zone; None when `said` names no time one can tell ("till the
    end of the shift": which shift?)."""
    said = said.lower()
    # (said in the small hours, "tomorrow morning" is the coming one: the night shift's day has not ended)
    tomorrow = ("tomorrow" in said or said.startswith("kal ")) and now.hour >= SMALL_HOURS_END
    if any(night in said for night in OVERNIGHT):
        return _next(now, time(8), tomorrow=False)
    if (clock := CLOCK_RE.search(said)) is not None:
        hour, minute = int(clock["hour"]), int(clock["minute"] or 0)
        if hour > 23 or minute > 59 or (clock["half"] in ("am", "pm") and not 1 <= hour <= 12):
            return None
        if clock["half"] == "pm" and hour < 12:
            hour += 12
        elif clock["half"] == "am" and hour == 12:
            hour = 0
        elif clock["half"] not in ("am", "pm") and 1 <= hour <= 12:  # "till 9": whichever 9 comes first
            return min(_next(now, time(hour % 12, minute), tomorrow=tomorrow),
                       _next(now, time(hour % 12 + 12, minute), tomorrow=tomorrow))
        return _next(now, time(hour, minute), tomorrow=tomorrow)
    for word, at in sorted(NAMED.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{word}\b", said):
            return _next(now, at, tomorrow=tomorrow)
    return None


def _next(now: datetime, at: time, *, tomorrow: bool) -> datetime:
    """The next `at` after `now` (on the day after, at the earliest, when `tomorrow`)."""
    day = now.date() + timedelta(days=1 if tomorrow else 0)
    end = datetime.combine(day, at, tzinfo=now.tzinfo)
    return end if end > now else end + timedelta(days=1)
