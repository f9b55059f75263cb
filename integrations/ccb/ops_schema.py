"""The demo CC&B operations tables (batch runs and threads, IMD control, RC/DC activity), as CONTRACTS.md names them."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, MetaData, Numeric, String, Table

metadata = MetaData()

ci_batch_run = Table("ci_batch_run", metadata, Column("batch_cd", String(30), primary_key=True),
                     Column("batch_nbr", Numeric(10), primary_key=True),
                     Column("run_status", String(2)),  # R running, C complete, E error
                     Index("ix_ci_batch_run_status", "run_status"))
ci_batch_thd = Table("ci_batch_thd", metadata, Column("batch_cd", String(30), primary_key=True),
                     Column("batch_nbr", Numeric(10), primary_key=True),
                     Column("batch_thread_nbr", Numeric(10), primary_key=True),
                     Column("thread_stat_flg", String(2)),
                     Column("start_dttm", DateTime), Column("end_dttm", DateTime),  # naive local time
                     Column("rec_proc_cnt", Numeric(15)))
d1_imd_ctrl = Table("d1_imd_ctrl", metadata, Column("imd_id", String(14), primary_key=True),
                    Column("mdt_status", String(2)),  # P pending
                    Index("ix_d1_imd_ctrl_status", "mdt_status"))
d1_activity = Table("d1_activity", metadata, Column("activity_id", String(14), primary_key=True),
                    Column("activity_type_cd", String(30)),  # RC remote connect, DC remote disconnect
                    Column("bo_status_cd", String(12)),      # COMPLETED, PENDING, FAILED, TIMEOUT
                    Column("cre_dttm", DateTime),
                    Index("ix_d1_activity_cre", "cre_dttm"))
