-- Daily prepaid billing of an account since :since, per month: consumption (kWh), charges and billing days.
SELECT TRUNC(b.end_dt, 'MM') AS bill_month,
       SUM(sq.bill_sq) AS kwh,
       SUM(ft.cur_amt) AS charges,
       COUNT(b.bseg_id) AS billing_days
  FROM ci_sa sa
  JOIN ci_bseg b ON b.sa_id = sa.sa_id
  JOIN ci_bseg_sq sq ON sq.bseg_id = b.bseg_id AND sq.uom_cd = 'KWH'
  JOIN ci_ft ft ON ft.parent_id = b.bseg_id AND ft.ft_type_flg = 'BS'
 WHERE sa.acct_id = :acct_id
   AND b.end_dt >= :since
   AND b.bseg_stat_flg = '50'
 GROUP BY TRUNC(b.end_dt, 'MM')
 ORDER BY 1 DESC
