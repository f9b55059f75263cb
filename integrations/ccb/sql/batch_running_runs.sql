-- Every running batch run (status R): its start is the earliest thread start, its records the sum of the
-- threads' processed records. Either is NULL when no thread reports it; the caller reports such runs as they are.
SELECT r.batch_cd,
       r.batch_nbr,
       MIN(t.start_dttm) AS start_dttm,
       SUM(t.rec_proc_cnt) AS records,
       COUNT(t.batch_thread_nbr) AS threads
  FROM ci_batch_run r
  LEFT JOIN ci_batch_thd t ON t.batch_cd = r.batch_cd AND t.batch_nbr = r.batch_nbr
 WHERE r.run_status = 'R'
 GROUP BY r.batch_cd, r.batch_nbr
 ORDER BY r.batch_cd, r.batch_nbr
