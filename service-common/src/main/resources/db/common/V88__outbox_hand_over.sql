-- A row its writer handed to its own process's relay in memory (docs/performance.md, "sixteenth step: the single
-- qualification's path"): that relay sends it without reading the table, and no relay that reads the table sends it,
-- or any row of its lane after it, before this time has passed (then it is an ordinary waiting row again: the writer's
-- process died or its send failed). Null for every other row. Adding a nullable column rewrites nothing.
alter table outbox_message add column handed_until timestamptz;

-- The handing relay deletes its rows by message id once Kafka acknowledged them (it never learns their ids): only the
-- handed rows are in this index, so it costs nothing for the others.
create index outbox_message_handed on outbox_message (message_id) where handed_until is not null;
