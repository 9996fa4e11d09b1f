-- The NOTIFY on commit of an outbox insert names the relay lane(s) of the rows ('interactive', 'other'), so it wakes
-- only the relay that has rows to send (OutboxRelay, RelayLane). A relay of before this reads any payload as "wake up".
create or replace function notify_outbox() returns trigger language plpgsql as $$
begin
    if exists (select 1 from inserted where topic like '%.interactive') then
        perform pg_notify('outbox', 'interactive');
    end if;
    if exists (select 1 from inserted where topic not like '%.interactive') then
        perform pg_notify('outbox', 'other');
    end if;
    return null;
end $$;

drop trigger outbox_message_inserted on outbox_message;
create trigger outbox_message_inserted
    after insert on outbox_message
    referencing new table as inserted
    for each statement execute function notify_outbox();
