-- lead-service's own copy of account-service's contacts, fed by crm.account.events (SPEC §10):
-- only what a stakeholder list shows. A deleted contact keeps its row (deleted = true), so the
-- stakeholders that name it still show who it was; it can no longer be added.
create table contact_copy (
    id             uuid primary key,
    first_name     varchar(100),
    last_name      varchar(100),
    email          varchar(254),
    job_title      varchar(100),
    source_version bigint       not null,
    deleted        boolean      not null,
    updated_at     timestamptz  not null
);

-- A lead's stakeholders: contacts that take part in the decision, each at most once per lead.
create table lead_stakeholder (
    id          uuid primary key,
    lead_id     uuid         not null references lead (id) on delete cascade deferrable initially deferred,
    contact_id  uuid         not null,
    role        varchar(20)  not null,
    version     bigint       not null,
    created_at  timestamptz  not null,
    created_by  varchar(100) not null,
    modified_at timestamptz  not null,
    modified_by varchar(100) not null,
    constraint lead_stakeholder_once unique (lead_id, contact_id)
);
