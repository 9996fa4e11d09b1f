-- Notes get one row each (they arrive in bounded chunks, issue 8): the key (opportunity, position)
-- makes a repeated chunk insert nothing, and the notes go with their opportunity.
create table opportunity_note (
    opportunity_id uuid           not null references opportunity (id) on delete cascade,
    note_position  integer        not null,
    text           varchar(10000) not null,
    author         varchar(100)   not null,
    created_at     timestamptz    not null,
    primary key (opportunity_id, note_position)
);
insert into opportunity_note (opportunity_id, note_position, text, author, created_at)
select o.id, n.ordinality - 1, n.note ->> 'text', coalesce(n.note ->> 'author', ''), (n.note ->> 'createdAt')::timestamptz
from opportunity o, jsonb_array_elements(o.notes::jsonb) with ordinality as n(note, ordinality);

-- How many notes the lead had: the opportunity is confirmed (reply + public event) once all are stored.
alter table opportunity add column note_count integer not null default 0;
alter table opportunity add column confirmed_at timestamptz;
update opportunity set note_count = jsonb_array_length(notes::jsonb), confirmed_at = created_at;
alter table opportunity drop column notes;

-- Attempts whose opportunity was undone: a command of theirs arriving later creates nothing.
create table undone_attempt (
    qualification_id uuid primary key,
    undone_at        timestamptz not null default now()
);
