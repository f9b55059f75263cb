-- Every customer (account) of one NOCS area (:nocs) with their payoff balance (the sum of the account's frozen
-- financial transactions, debit-positive as CC&B keeps it), name and premise address. An account's area is
-- the NOCS characteristic of its service agreements' premise in effect, the first one when they differ, as
-- in nocs_balance_summary.sql. Only accounts with a service agreement on a premise now in the area can be in it,
-- so the area of those alone is worked out (not of every account, as the summary must).
WITH area_prem AS (
    SELECT pc.prem_id
      FROM ci_prem_char pc
     WHERE pc.char_type_cd = 'NOCS'
       AND pc.char_val = :nocs
       AND pc.effdt = (SELECT MAX(p2.effdt)
                         FROM ci_prem_char p2
                        WHERE p2.prem_id = pc.prem_id
                          AND p2.char_type_cd = 'NOCS')
),
candidates AS (
    SELECT DISTINCT sa.acct_id
      FROM ci_sa sa
      JOIN area_prem ap ON ap.prem_id = sa.char_prem_id
),
acct_nocs AS (
    SELECT sa.acct_id,
           MIN(pc.char_val) AS nocs,
           MIN(sa.char_prem_id) AS prem_id
      FROM ci_sa sa
      JOIN ci_prem_char pc ON pc.prem_id = sa.char_prem_id AND pc.char_type_cd = 'NOCS'
     WHERE sa.acct_id IN (SELECT acct_id FROM candidates)
       AND pc.effdt = (SELECT MAX(p2.effdt)
                         FROM ci_prem_char p2
                        WHERE p2.prem_id = pc.prem_id
                          AND p2.char_type_cd = 'NOCS')
     GROUP BY sa.acct_id
),
in_area AS (
    SELECT acct_id, prem_id FROM acct_nocs WHERE nocs = :nocs
),
acct_balance AS (
    SELECT sa.acct_id,
           SUM(ft.cur_amt) AS payoff
      FROM ci_sa sa
      JOIN ci_ft ft ON ft.sa_id = sa.sa_id
     WHERE ft.freeze_dttm IS NOT NULL
       AND sa.acct_id IN (SELECT acct_id FROM in_area)
     GROUP BY sa.acct_id
)
SELECT i.acct_id,
       pn.entity_name AS customer_name,
       COALESCE(p.address1, '') AS address,
       COALESCE(p.city, '') AS city,
       COALESCE(b.payoff, 0) AS payoff_balance
  FROM in_area i
  JOIN ci_acct_per ap ON ap.acct_id = i.acct_id AND ap.main_cust_sw = 'Y'
  JOIN ci_per_name pn ON pn.per_id = ap.per_id AND pn.prim_name_sw = 'Y'
  LEFT JOIN ci_prem p ON p.prem_id = i.prem_id
  LEFT JOIN acct_balance b ON b.acct_id = i.acct_id
