-- Intake limits: one Bucket4j token bucket a row (a contact address's or a client's budget of
-- recovery requests), read and written under SELECT ... FOR UPDATE by every node. The id is a
-- keyed digest, never the address itself. expires_at (epoch millis) is when the bucket is full
-- again: after it the row says nothing and is removed.
create table intake_bucket (
    id varchar(120) primary key,
    state varbinary(4096),
    expires_at bigint
);
create index intake_bucket_expires_at on intake_bucket (expires_at);
