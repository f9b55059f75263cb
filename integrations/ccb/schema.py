"""The demo CC&B schema: CC&B's own table and column names, only the columns our SQL files read."""
from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, MetaData, Numeric, PrimaryKeyConstraint, String, Table

metadata = MetaData()


# Ids compare byte by byte, as CC&B's do on Oracle (NLS_COMP=BINARY). On PostgreSQL that is the "C" collation,
# which also spares every index probe the locale's comparison function.
ID = String(16).with_variant(String(16, collation="C"), "postgresql")


def _id(name: str, primary: bool = False) -> Column[str]:
    return Column(name, ID, primary_key=primary)


ci_per = Table("ci_per", metadata, _id("per_id", True), Column("per_or_bus_flg", String(1)))
ci_per_name = Table("ci_per_name", metadata, _id("per_id", True), Column("seq_num", Numeric(3), primary_key=True),
                    Column("entity_name", String(254)), Column("prim_name_sw", String(1)))
ci_per_phone = Table("ci_per_phone", metadata, _id("per_id", True),
                     Column("seq_num", Numeric(3), primary_key=True), Column("phone", String(24)))
ci_acct = Table("ci_acct", metadata, _id("acct_id", True), Column("cust_cl_cd", String(8)),
                Column("setup_dt", Date), Column("cis_division", String(5)))
ci_acct_per = Table("ci_acct_per", metadata, _id("acct_id", True), _id("per_id", True),
                    Column("main_cust_sw", String(1)))
ci_prem = Table("ci_prem", metadata, _id("prem_id", True), Column("address1", String(254)),
                Column("address2", String(254)), Column("city", String(90)), Column("postal", String(12)))
ci_prem_char = Table("ci_prem_char", metadata, _id("prem_id", True),
                     Column("char_type_cd", String(8), primary_key=True), Column("effdt", Date, primary_key=True),
                     Column("char_val", String(16)))
ci_sa = Table("ci_sa", metadata, _id("sa_id", True), _id("acct_id"), _id("char_prem_id"),
              Column("sa_type_cd", String(8)), Column("sa_status_flg", String(2)), Column("start_dt", Date),
              Index("ix_ci_sa_acct", "acct_id"))
ci_sp = Table("ci_sp", metadata, _id("sp_id", True), _id("prem_id"))
ci_sa_sp = Table("ci_sa_sp", metadata, _id("sa_sp_id", True), _id("sa_id"), _id("sp_id"),
                 Index("ix_ci_sa_sp_sa", "sa_id"), Index("ix_ci_sa_sp_sp", "sp_id"))
ci_mtr = Table("ci_mtr", metadata, _id("mtr_id", True), Column("badge_nbr", String(30)),
               Column("mtr_type_cd", String(8)), Index("ix_ci_mtr_badge", "badge_nbr"))
ci_sp_mtr_hist = Table("ci_sp_mtr_hist", metadata, _id("sp_mtr_hist_id", True), _id("sp_id"), _id("mtr_id"),
                       Column("install_dt", Date), Index("ix_ci_sp_mtr_hist_mtr", "mtr_id"),
                       Index("ix_ci_sp_mtr_hist_sp", "sp_id"))
ci_bseg = Table("ci_bseg", metadata, _id("bseg_id", True), _id("sa_id"), Column("start_dt", Date),
                Column("end_dt", Date), Column("bseg_stat_flg", String(2)),
                Index("ix_ci_bseg_sa_end", "sa_id", "end_dt", postgresql_include=["bseg_stat_flg", "bseg_id"]))
ci_bseg_sq = Table("ci_bseg_sq", metadata, _id("bseg_id"), Column("uom_cd", String(8), nullable=False),
                   Column("bill_sq", Numeric(12, 3)),
                   PrimaryKeyConstraint("bseg_id", "uom_cd", postgresql_include=["bill_sq"]))
ci_ft = Table("ci_ft", metadata, _id("ft_id", True), _id("sa_id"), _id("parent_id"), Column("ft_type_flg", String(2)),
              Column("cur_amt", Numeric(15, 2)), Column("ars_dt", Date), Column("freeze_dttm", DateTime),
              Index("ix_ci_ft_sa", "sa_id"),
              Index("ix_ci_ft_parent", "parent_id", postgresql_include=["ft_type_flg", "cur_amt"]))
ci_pay_event = Table("ci_pay_event", metadata, _id("pay_event_id", True), Column("pay_dt", Date))
ci_pay = Table("ci_pay", metadata, _id("pay_id", True), _id("pay_event_id"), _id("acct_id"),
               Column("pay_amt", Numeric(15, 2)), Column("pay_status_flg", String(2)),
               Index("ix_ci_pay_acct", "acct_id"))
ci_pay_tndr = Table("ci_pay_tndr", metadata, _id("pay_tender_id", True), _id("pay_event_id"),
                    Column("tender_amt", Numeric(15, 2)), Column("tndr_srce_cd", String(12)),
                    Index("ix_ci_pay_tndr_event", "pay_event_id"))
