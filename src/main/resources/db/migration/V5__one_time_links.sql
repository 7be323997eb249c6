-- One-time links (new codes, cancel a reset): only a hash of the token is kept.
create table one_time_link (
    token_hash varchar(64)              primary key,
    purpose    varchar(16)              not null,
    case_id    varchar(16)              not null references recovery_case (case_id),
    username   varchar(30)              not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index ix_one_time_link_case on one_time_link (case_id, purpose);
