-- The account's own time zone (an IANA id such as Asia/Tokyo), when it has chosen one: mail, texts
-- and pages show times in it. Without one, the account's language decides (Japan time for ja).
alter table account add column time_zone varchar(40);
