-- The interactive lane's outbox relay (OutboxRelay, RelayLane.INTERACTIVE) reads only the rows bound for the
-- interactive topics, oldest first; this index holds just those, so its select stays cheap however many bulk rows
-- wait beside them. The other relay reads the rest in primary-key order.
create index outbox_message_interactive on outbox_message (id) where topic like '%.interactive';
