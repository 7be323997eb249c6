-- When the owner was told that their reply came to a closed case: a fact of the case, so that the
-- notice goes out once without reading the case's timeline to find out. Cases told before keep the
-- time their timeline shows.
alter table recovery_case add column closed_notice_at timestamp with time zone;
update recovery_case set closed_notice_at = (
    select min(e.occurred_at) from case_event e
    where e.case_id = recovery_case.case_id and e.kind = 'CLOSED_NOTICE_SENT');
