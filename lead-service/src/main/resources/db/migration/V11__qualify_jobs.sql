-- Bulk qualification jobs (SPEC §6): the job, and one row per lead with its outcome.
create table qualify_job (
    id                   uuid primary key,
    requested_by         varchar(100) not null,
    opportunity_currency char(3),
    duplicate_policy     varchar(20)  not null,
    total                integer      not null,
    created_at           timestamptz  not null,
    finished_at          timestamptz
);
create index qualify_job_running on qualify_job (created_at) where finished_at is null;

create table qualify_job_lead (
    job_id           uuid        not null references qualify_job (id) on delete cascade,
    lead_id          uuid        not null,
    position         integer     not null,
    -- PENDING → STARTING (claimed by a runner) → IN_PROGRESS → COMPLETED | FAILED | DUPLICATES_FOUND
    status           varchar(20) not null,
    qualification_id uuid,
    detail           varchar(500),
    claimed_at       timestamptz,
    primary key (job_id, lead_id)
);
create index qualify_job_lead_status on qualify_job_lead (job_id, status, position);
create unique index qualify_job_lead_attempt on qualify_job_lead (qualification_id) where qualification_id is not null;
