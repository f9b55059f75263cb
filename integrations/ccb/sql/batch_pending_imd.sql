-- Initial measurement data waiting to be processed (status P).
SELECT COUNT(*) AS pending
  FROM d1_imd_ctrl
 WHERE mdt_status = 'P'
