-- SQLite spelling of customer_recharge_history.sql (no FETCH FIRST).
SELECT pe.pay_dt,
       t.tender_amt,
       t.tndr_srce_cd AS channel,
       p.pay_id
  FROM ci_pay p
  JOIN ci_pay_event pe ON pe.pay_event_id = p.pay_event_id
  JOIN ci_pay_tndr t ON t.pay_event_id = p.pay_event_id
 WHERE p.acct_id = :acct_id
   AND p.pay_status_flg = '50'
 ORDER BY pe.pay_dt DESC, p.pay_id DESC
 LIMIT :max_rows
