"""A snooze said as a time ends at that time's next coming, in the alerts' zone."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.services.alert_times import snooze_end

DHAKA = ZoneInfo("Asia/Dhaka")
THREE_AM = datetime(2026, 3, 20, 3, 10, tzinfo=DHAKA)
TEN_PM = datetime(2026, 3, 20, 22, 0, tzinfo=DHAKA)


@pytest.mark.parametrize(("said", "now", "ends"), [
    ("till 9", THREE_AM, datetime(2026, 3, 20, 9, 0)),  # whichever 9 comes first
    ("till 9", TEN_PM, datetime(2026, 3, 21, 9, 0)),
    ("till 9", datetime(2026, 3, 20, 12, 0, tzinfo=DHAKA), datetime(2026, 3, 20, 21, 0)),
    ("until 7am", THREE_AM, datetime(2026, 3, 20, 7, 0)),
    ("until 7am", TEN_PM, datetime(2026, 3, 21, 7, 0)),
    ("till 5:30 pm", THREE_AM, datetime(2026, 3, 20, 17, 30)),
    ("till 12 am", THREE_AM, datetime(2026, 3, 21, 0, 0)),
    ("till morning", THREE_AM, datetime(2026, 3, 20, 9, 0)),
    ("till tomorrow morning", TEN_PM, datetime(2026, 3, 21, 9, 0)),
    ("for tonight", TEN_PM, datetime(2026, 3, 21, 8, 0)),  # the night lasts till the morning after
    ("for tonight", THREE_AM, datetime(2026, 3, 20, 8, 0)),
    ("overnight", TEN_PM, datetime(2026, 3, 21, 8, 0)),
    ("till midnight", TEN_PM, datetime(2026, 3, 21, 0, 0)),
    ("kal sokal porjonto", TEN_PM, datetime(2026, 3, 21, 9, 0)),
    ("8 ta porjonto", THREE_AM, datetime(2026, 3, 20, 8, 0)),
    ("till 9 tomorrow", TEN_PM, datetime(2026, 3, 21, 9, 0)),
    # in the small hours "tomorrow morning" is the coming one, not the day after
    ("till tomorrow morning", datetime(2026, 3, 21, 0, 30, tzinfo=DHAKA), datetime(2026, 3, 21, 9, 0)),
    ("kal sokal porjonto", datetime(2026, 3, 21, 1, 0, tzinfo=DHAKA), datetime(2026, 3, 21, 9, 0)),
])
def test_a_time_said_ends_the_snooze_at_its_next_coming(said: str, now: datetime, ends: datetime) -> None:
    assert snooze_end(said, now) == ends.replace(tzinfo=DHAKA)


@pytest.mark.parametrize("said", ["till the end of the shift", "till 25", "till 13 pm", "until 9:75"])
def test_a_time_that_cannot_be_told_is_none(said: str) -> None:
    assert snooze_end(said, THREE_AM) is None
