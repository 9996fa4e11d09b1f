-- Indexes of the lead list (LeadQuery) and of duplicate detection; plans in docs/lead-queries.md.
create extension if not exists pg_trgm;

-- q searches name, company and email, case-insensitively, anywhere in the text: one lower-cased
-- column holding all four, with a trigram index that serves LIKE '%...%'.
alter table lead add column search_text text generated always as (
    lower(coalesce(first_name, '') || ' ' || last_name || ' ' || coalesce(company_name, '') || ' ' || coalesce(email, ''))
) stored;
create index lead_search_text_trgm on lead using gin (search_text gin_trgm_ops);

-- A salesperson's views (owner and state fixed), in each sort order, read from the cursor on.
create index lead_owner_state_created on lead (owner_id, state, created_at, id);
create index lead_owner_state_modified on lead (owner_id, state, modified_at, id);
create index lead_owner_state_last_name on lead (owner_id, state, last_name, id);
-- A manager's open view (state fixed).
create index lead_state_created on lead (state, created_at, id);
create index lead_state_modified on lead (state, modified_at, id);
create index lead_state_last_name on lead (state, last_name, id);
-- The "all" and "closed" views: every lead of one owner, or every lead, newest first.
create index lead_owner_created on lead (owner_id, created_at, id);
create index lead_created on lead (created_at, id);

-- Duplicate detection on create: same email, any case.
create index lead_email_lower on lead (lower(email));
