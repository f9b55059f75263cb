-- Customer details by account id (:customer_id) or meter badge number (:meter_no); a bind may be NULL.
-- One row per service agreement of the account; the caller keeps the first active one. The payoff balance is
-- the sum of the account's frozen financial transactions, debit-positive as CC&B keeps it.
WITH hits AS (
    SELECT a.acct_id
      FROM ci_acct a
     WHERE a.acct_id = :customer_id
    UNION
    SELECT sa.acct_id
      FROM ci_mtr m
      JOIN ci_sp_mtr_hist h ON h.mtr_id = m.mtr_id
      JOIN ci_sa_sp ss ON ss.sp_id = h.sp_id
      JOIN ci_sa sa ON sa.sa_id = ss.sa_id
     WHERE m.badge_nbr = :meter_no
)
SELECT a.acct_id,
       pn.entity_name AS customer_name,
       ph.phone,
       p.address1,
       p.address2,
       p.city,
       pc.char_val AS nocs,
       m.badge_nbr AS meter_no,
       sa.sa_id,
       sa.sa_status_flg,
       a.setup_dt,
       (SELECT COALESCE(SUM(ft.cur_amt), 0)
          FROM ci_sa bsa
          JOIN ci_ft ft ON ft.sa_id = bsa.sa_id
         WHERE bsa.acct_id = a.acct_id
           AND ft.freeze_dttm IS NOT NULL) AS payoff_balance
  FROM hits
  JOIN ci_acct a ON a.acct_id = hits.acct_id
  JOIN ci_acct_per ap ON ap.acct_id = a.acct_id AND ap.main_cust_sw = 'Y'
  JOIN ci_per_name pn ON pn.per_id = ap.per_id AND pn.prim_name_sw = 'Y'
  LEFT JOIN ci_per_phone ph ON ph.per_id = ap.per_id AND ph.seq_num = 1
  JOIN ci_sa sa ON sa.acct_id = a.acct_id
  JOIN ci_prem p ON p.prem_id = sa.char_prem_id
  LEFT JOIN ci_prem_char pc ON pc.prem_id = p.prem_id AND pc.char_type_cd = 'NOCS'
  LEFT JOIN ci_sa_sp ss ON ss.sa_id = sa.sa_id
  LEFT JOIN ci_sp_mtr_hist h ON h.sp_id = ss.sp_id
  LEFT JOIN ci_mtr m ON m.mtr_id = h.mtr_id
 ORDER BY a.acct_id, sa.sa_status_flg, sa.sa_id
