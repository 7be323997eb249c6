-- A code sent by SMS to check that the registered phone receives texts again. Only a keyed hash
-- (HMAC with the desk's secret) is kept: six digits would be guessed from a plain hash at once.
create table sms_check (
    case_id    varchar(16)              primary key references recovery_case (case_id),
    code_mac   varchar(64)              not null,
    expires_at timestamp with time zone not null,
    confirmed_at timestamp with time zone
);
