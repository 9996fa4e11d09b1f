-- Notes and the audit trail belong to their lead and go with it when it is deleted.
-- The foreign keys are checked at commit, so the lead and its first entries may be flushed in any order.

create table lead_note (
    id         uuid primary key,
    lead_id    uuid          not null references lead (id) on delete cascade deferrable initially deferred,
    text       varchar(10000) not null,
    author     varchar(100)  not null,
    created_at timestamptz   not null
);
create index lead_note_lead on lead_note (lead_id, created_at, id);

create sequence lead_history_seq increment by 50;

create table lead_history (
    id         bigint primary key,
    lead_id    uuid         not null references lead (id) on delete cascade deferrable initially deferred,
    at         timestamptz  not null,
    actor      varchar(100) not null,
    action     varchar(40)  not null,
    from_state varchar(20),
    to_state   varchar(20),
    details    text
);
create index lead_history_lead on lead_history (lead_id, at, id);
