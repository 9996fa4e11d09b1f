-- What the test consumer did, written in the message's transaction (as a real handler would).
create table test_effect (
    id         bigint generated always as identity primary key,
    message_id varchar(64) not null,
    command_id varchar(64) not null,
    outcome    text        not null
);
