-- Payoff balance of an account: the sum of its frozen financial transactions (debit-positive, as CC&B keeps it).
SELECT COALESCE(SUM(ft.cur_amt), 0) AS payoff_balance,
       COUNT(ft.ft_id) AS transactions
  FROM ci_sa sa
  JOIN ci_ft ft ON ft.sa_id = sa.sa_id
 WHERE sa.acct_id = :acct_id
   AND ft.freeze_dttm IS NOT NULL
