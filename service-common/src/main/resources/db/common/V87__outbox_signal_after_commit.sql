-- The outbox insert no longer NOTIFYs inside the writer's transaction: a transaction that NOTIFYs holds PostgreSQL's
-- cluster-wide notify lock from its commit's start to its end, WAL flush included, so every writing commit of every
-- service committed alone. The writer now signals after its commit, from a connection of its own (OutboxRelay,
-- DatabaseSignals); a row written another way is found by the relay's safety poll (crm.outbox.poll-interval).
drop trigger outbox_message_inserted on outbox_message;
drop function notify_outbox();
