-- Messages set aside so that nothing behind them waits (SPEC rule 6): one the outbox relay could not
-- send because Kafka refused it for good (too large, invalid topic, ...), or one a consumer could not
-- process for a reason that will not change on retry. Kept whole, with the error, until an operator
-- replays it (back into outbox_message with the same message id) or discards it (/ops/set-aside).
create table set_aside_message (
    id           bigint generated always as identity primary key,
    source       varchar(16)  not null check (source in ('outbox', 'consumer')),
    message_id   varchar(64)  not null,
    topic        varchar(200) not null,
    -- a consumed message may come without a key
    message_key  varchar(200),
    type         varchar(200) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    traceparent  varchar(64),
    error        text         not null,
    set_aside_at timestamptz  not null default now()
);

-- A redelivered message that fails again is not set aside twice.
create unique index set_aside_message_once on set_aside_message (source, message_id);
