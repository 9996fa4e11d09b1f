-- Shared by every service (shipped in service-common): the transactional outbox and the
-- idempotent-consumer inbox.

create table outbox_message (
    id          bigint generated always as identity primary key,
    message_id  varchar(64)  not null,
    topic       varchar(200) not null,
    message_key varchar(200) not null,
    type        varchar(200) not null,
    payload     text         not null,
    created_at  timestamptz  not null,
    -- the W3C traceparent of the request (or message) that wrote the row, so the relay, which sends
    -- later from a background drain, continues that trace; null when tracing is off
    traceparent varchar(64)
);

-- Wakes the relay when an insert commits (notifications are delivered at commit only, and
-- PostgreSQL folds repeats within a transaction into one).
create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end $$;

create trigger outbox_message_inserted
    after insert on outbox_message
    for each statement execute function notify_outbox();

-- Ids of the messages this service has processed, written in the same transaction as the
-- change a message caused, so a repeat is recognised and skipped.
create table processed_message (
    message_id   varchar(64) primary key,
    processed_at timestamptz not null default now()
);
create index processed_message_processed_at on processed_message (processed_at);
