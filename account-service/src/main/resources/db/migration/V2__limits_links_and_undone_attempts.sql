-- Issue 8 (SPEC rules 7 and 9).

-- Rule 7: every value the lead API accepts fits. An account made from a lead without a company is
-- named "firstName lastName" (up to 201 characters); the API allows 250 for room. The normalised
-- name can be much longer than the name (NFKD turns one character into up to 18, "&" becomes
-- "and") and a website's host can exceed 255 characters: both are text, looked up by equality
-- through hash indexes (a btree entry is limited to about 2,700 bytes, a hash entry is not).
alter table account alter column name type varchar(250);
alter table account alter column normalized_name type text;
alter table account alter column normalized_name drop not null;
update account set normalized_name = null where normalized_name = '';
alter table account alter column website_domain type text;
drop index account_normalized_name;
drop index account_website_domain;
create index account_normalized_name on account using hash (normalized_name) where normalized_name is not null;
create index account_website_domain on account using hash (website_domain) where website_domain is not null;

-- Rule 9: which qualification attempt uses which record, created or linked (one account and one
-- contact per attempt). A compensation keeps a record another attempt still uses.
create table record_link (
    qualification_id  uuid        not null,
    kind              varchar(10) not null check (kind in ('ACCOUNT', 'CONTACT')),
    record_id         uuid        not null,
    lead_id           uuid        not null,
    linked_at         timestamptz not null default now(),
    primary key (qualification_id, kind)
);
create index record_link_record on record_link (record_id);
-- what earlier attempts created (their links to existing records were not recorded before)
insert into record_link (qualification_id, kind, record_id, lead_id, linked_at)
select created_by_qualification, 'ACCOUNT', id, originating_lead_id, created_at
from account where created_by_qualification is not null and originating_lead_id is not null;
insert into record_link (qualification_id, kind, record_id, lead_id, linked_at)
select created_by_qualification, 'CONTACT', id, originating_lead_id, created_at
from contact where created_by_qualification is not null and originating_lead_id is not null;

-- Attempts already compensated: a late or replayed resolve of one is rejected, never carried out.
create table undone_attempt (
    qualification_id  uuid primary key,
    undone_at         timestamptz not null default now()
);
