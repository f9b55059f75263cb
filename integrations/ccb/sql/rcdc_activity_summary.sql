-- Remote connect (RC) and disconnect (DC) commands created since :since (naive local time), by type and status.
SELECT a.activity_type_cd,
       a.bo_status_cd,
       COUNT(*) AS commands
  FROM d1_activity a
 WHERE a.cre_dttm >= :since
   AND a.activity_type_cd IN ('RC', 'DC')
 GROUP BY a.activity_type_cd, a.bo_status_cd
