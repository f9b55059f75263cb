-- Recharges (payments) of an account, newest first, at most :max_rows.
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
 FETCH FIRST :max_rows ROWS ONLY
