-- The W3C traceparent of the request (or message) that wrote an outbox row, so the relay, which
-- sends later from a background drain, continues that trace instead of starting a new one.
-- Null when tracing is off.
alter table outbox_message add column traceparent varchar(64);
