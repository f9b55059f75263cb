-- The heavy hourly aggregation: per NOCS area, its customers (accounts), how many are in credit and how much
-- credit they hold, how many owe and how much, and the net. An account's balance is its payoff balance (the
-- sum of its frozen financial transactions, debit-positive); its area is the NOCS characteristic of its
-- service agreements' premise in effect (latest effective date), the first one when they differ.
WITH acct_nocs AS (
    SELECT sa.acct_id,
           MIN(pc.char_val) AS nocs
      FROM ci_sa sa
      JOIN ci_prem_char pc ON pc.prem_id = sa.char_prem_id AND pc.char_type_cd = 'NOCS'
     WHERE pc.effdt = (SELECT MAX(p2.effdt)
                         FROM ci_prem_char p2
                        WHERE p2.prem_id = pc.prem_id
                          AND p2.char_type_cd = 'NOCS')
     GROUP BY sa.acct_id
),
acct_balance AS (
    SELECT sa.acct_id,
           SUM(ft.cur_amt) AS payoff
      FROM ci_sa sa
      JOIN ci_ft ft ON ft.sa_id = sa.sa_id
     WHERE ft.freeze_dttm IS NOT NULL
     GROUP BY sa.acct_id
)
SELECT n.nocs,
       COUNT(*) AS customers,
       SUM(CASE WHEN b.payoff < 0 THEN 1 ELSE 0 END) AS credit_count,
       COALESCE(SUM(CASE WHEN b.payoff < 0 THEN -b.payoff END), 0) AS credit_balance,
       SUM(CASE WHEN b.payoff > 0 THEN 1 ELSE 0 END) AS due_count,
       COALESCE(SUM(CASE WHEN b.payoff > 0 THEN b.payoff END), 0) AS due_balance,
       COALESCE(SUM(b.payoff), 0) AS net_balance
  FROM acct_nocs n
  LEFT JOIN acct_balance b ON b.acct_id = n.acct_id
 GROUP BY n.nocs
 ORDER BY n.nocs
