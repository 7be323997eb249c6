-- What the reader cut from a mail's text (quote, signature, footer), kept for the agents who read
-- the trimmed text: a JSON list of {"kind", "text"}.
alter table inbound_mail add column cut_text varchar(60000);
