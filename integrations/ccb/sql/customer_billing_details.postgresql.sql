-- PostgreSQL spelling of customer_billing_details.sql (month truncation differs).
SELECT CAST(date_trunc('month', b.end_dt) AS date) AS bill_month,
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
 GROUP BY 1
 ORDER BY 1 DESC
