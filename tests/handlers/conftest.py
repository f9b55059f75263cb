"""Fixtures of the chat feature tests: monitoring on the seeded demo CC&B."""
from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from core.services.monitoring import Monitoring
from tests.harness import ChatHarness
from tests.ops import monitoring_of


@pytest.fixture
async def monitoring(chat: ChatHarness, ccb: str) -> AsyncIterator[Monitoring]:
    async with monitoring_of(chat.runtime) as attached:
        yield attached
