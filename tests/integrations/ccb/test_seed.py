"""The demo CC&B load: the same seed gives the same customers; the final checkpoint never fails a load."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.runtime import Runtime
from integrations.ccb.queries import make_engine
from integrations.ccb.schema import ci_bseg, ci_pay, ci_per_name
from integrations.ccb.seed import _checkpoint, seed_demo


async def _contents(url: str, seed: int) -> tuple[list[tuple[object, ...]], ...]:
    engine = make_engine(url, read_only=False)
    try:
        await seed_demo(engine, customers=12, days=20, seed=seed)
        async with engine.connect() as conn:
            names = (await conn.execute(select(ci_per_name).order_by(ci_per_name.c.per_id))).all()
            pays = (await conn.execute(select(ci_pay).order_by(ci_pay.c.pay_id))).all()
            bills = (await conn.execute(select(ci_bseg).order_by(ci_bseg.c.bseg_id))).all()
        return [tuple(r) for r in names], [tuple(r) for r in pays], [tuple(r) for r in bills]
    finally:
        await engine.dispose()


async def test_the_same_seed_gives_the_same_customers(tmp_path: Path) -> None:
    first = await _contents(f"sqlite+aiosqlite:///{tmp_path}/a.db", seed=5)
    again = await _contents(f"sqlite+aiosqlite:///{tmp_path}/b.db", seed=5)
    other = await _contents(f"sqlite+aiosqlite:///{tmp_path}/c.db", seed=6)
    assert first == again
    assert len(first[0]) == 12 and len(first[2]) == 12 * 20
    assert first[0] != other[0], "another seed gives other people"


@pytest.mark.parametrize("backend", ["postgres"])
async def test_a_load_without_checkpoint_rights_still_succeeds(runtime: Runtime,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    async with runtime.engine.connect() as conn:
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.exec_driver_sql(
            "DO $$ BEGIN CREATE ROLE sb_no_checkpoint NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        await autocommit.exec_driver_sql("SET ROLE sb_no_checkpoint")
        with caplog.at_level(logging.WARNING, logger="integrations.ccb.seed"):
            await _checkpoint(autocommit)
        assert "no CHECKPOINT after loading" in caplog.text
        assert await autocommit.scalar(text("SELECT current_user")) == "sb_no_checkpoint"
        await autocommit.exec_driver_sql("RESET ROLE")
