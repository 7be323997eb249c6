-- Spring Integration's JDBC lock (DefaultLockRepository): the nodes elect the one that reads the
-- support mailbox by holding its row. Spring Integration's own schema, with a client id wide
-- enough for a readable node name (host and a random suffix) instead of a bare UUID.
create table int_lock (
    lock_key     char(36)     not null,
    region       varchar(100) not null,
    client_id    varchar(100),
    created_date timestamp    not null,
    constraint int_lock_pk primary key (lock_key, region)
);
