-- Qualification attempts: the saga's state (SPEC §5).
create table qualification (
    id                    uuid primary key,
    lead_id               uuid         not null references lead (id) on delete cascade,
    status                varchar(20)  not null,
    create_account        boolean      not null,
    create_contact        boolean      not null,
    create_opportunity    boolean      not null,
    existing_account_id   uuid,
    existing_contact_id   uuid,
    opportunity_currency  char(3),
    duplicate_policy      varchar(20)  not null,
    account_id            uuid,
    contact_id            uuid,
    opportunity_id        uuid,
    duplicates            jsonb,
    failure_reason        varchar(500),
    requested_by          varchar(100) not null,
    idempotency_key       varchar(200),
    started_at            timestamptz  not null,
    deadline              timestamptz  not null,
    finished_at           timestamptz,
    version               bigint       not null
);
-- at most one running attempt per lead, whatever the application does
create unique index qualification_one_running_per_lead on qualification (lead_id) where status = 'IN_PROGRESS';
create unique index qualification_idempotency on qualification (lead_id, idempotency_key) where idempotency_key is not null;
create index qualification_lead on qualification (lead_id, started_at desc);
-- the timeout sweep reads only running attempts
create index qualification_running_deadline on qualification (deadline) where status = 'IN_PROGRESS';
