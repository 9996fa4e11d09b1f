create table account (
    id                         uuid primary key,
    name                       varchar(200) not null,
    normalized_name            varchar(200) not null,
    website                    varchar(500),
    website_domain             varchar(255),
    industry                   varchar(100),
    phone                      varchar(50),
    street                     varchar(200),
    city                       varchar(100),
    state_or_province          varchar(100),
    postal_code                varchar(20),
    country                    varchar(100),
    owner_id                   varchar(100) not null,
    originating_lead_id        uuid,
    created_by_qualification   uuid,
    created_at                 timestamptz  not null,
    created_by                 varchar(100) not null,
    modified_at                timestamptz  not null,
    version                    bigint       not null
);
create index account_normalized_name on account (normalized_name);
create index account_website_domain on account (website_domain) where website_domain is not null;
create index account_originating_lead on account (originating_lead_id) where originating_lead_id is not null;
create index account_created_by_qualification on account (created_by_qualification) where created_by_qualification is not null;

create table contact (
    id                         uuid primary key,
    first_name                 varchar(100),
    last_name                  varchar(100) not null,
    email                      varchar(254),
    job_title                  varchar(100),
    business_phone             varchar(50),
    mobile_phone               varchar(50),
    account_id                 uuid references account (id),
    owner_id                   varchar(100) not null,
    originating_lead_id        uuid,
    created_by_qualification   uuid,
    created_at                 timestamptz  not null,
    created_by                 varchar(100) not null,
    modified_at                timestamptz  not null,
    version                    bigint       not null
);
create index contact_email on contact (lower(email)) where email is not null;
create index contact_account on contact (account_id);
create index contact_originating_lead on contact (originating_lead_id) where originating_lead_id is not null;
create index contact_created_by_qualification on contact (created_by_qualification) where created_by_qualification is not null;
