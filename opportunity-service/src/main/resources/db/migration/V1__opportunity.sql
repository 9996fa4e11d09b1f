create table opportunity (
    id                       uuid primary key,
    name                     varchar(200) not null,
    account_id               uuid,
    contact_id               uuid,
    currency                 char(3),
    estimated_value          numeric(19, 2),
    purchase_timeframe       varchar(20),
    purchase_process         varchar(20),
    decision_maker           boolean,
    description              text,
    stage                    varchar(20)  not null,
    owner_id                 varchar(100) not null,
    originating_lead_id      uuid,
    created_by_qualification uuid unique,
    -- the lead's notes, copied once at qualification with their authors and times
    notes                    text         not null default '[]',
    created_at               timestamptz  not null,
    modified_at              timestamptz  not null,
    version                  bigint       not null
);
create index opportunity_account on opportunity (account_id, created_at desc, id desc);
create index opportunity_originating_lead on opportunity (originating_lead_id) where originating_lead_id is not null;
create index opportunity_created on opportunity (created_at desc, id desc);
