-- The identifier a platform gave a device (its device cookie, say), as a keyed digest (HMAC with
-- the desk's secret): a recovery request presenting it comes from a device the account used.
alter table account_device add column id_digest varchar(64);
