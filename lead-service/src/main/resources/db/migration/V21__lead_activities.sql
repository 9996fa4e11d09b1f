-- Activities of a lead (SPEC §10): phone calls, emails, tasks, appointments. They go with the lead.
create table lead_activity (
    id          uuid primary key,
    lead_id     uuid          not null references lead (id) on delete cascade deferrable initially deferred,
    type        varchar(20)   not null,
    subject     varchar(200)  not null,
    description varchar(10000),
    due_at      timestamptz,
    start_at    timestamptz,
    end_at      timestamptz,
    direction   varchar(10),
    owner_id    varchar(100)  not null,
    state       varchar(10)   not null,
    outcome     varchar(2000),
    version     bigint        not null,
    created_at  timestamptz   not null,
    created_by  varchar(100)  not null,
    modified_at timestamptz   not null,
    modified_by varchar(100)  not null,
    closed_at   timestamptz,
    -- when an open activity is late: its due time, or an appointment's end
    due         timestamptz generated always as (coalesce(due_at, end_at)) stored
);
-- Indexes of the lists, all newest first (created_at desc, id desc); plans in docs/lead-queries.md.
-- One lead's activities, and a salesperson's "activities of my leads".
create index lead_activity_lead on lead_activity (lead_id, created_at, id);
-- my-open (owner and state fixed), and a salesperson's own activities in every view.
create index lead_activity_owner_state on lead_activity (owner_id, state, created_at, id);
create index lead_activity_owner on lead_activity (owner_id, created_at, id);
-- A manager's "all" work list.
create index lead_activity_created on lead_activity (created_at, id);
-- A manager's "overdue" list: only open activities are in this index.
create index lead_activity_open_created on lead_activity (created_at, id) where state = 'OPEN';
