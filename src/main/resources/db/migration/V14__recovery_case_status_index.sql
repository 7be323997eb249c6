-- The metrics count open cases by status every few seconds: an index, not a scan of every case
-- the desk ever had.
create index ix_recovery_case_status on recovery_case (status);
