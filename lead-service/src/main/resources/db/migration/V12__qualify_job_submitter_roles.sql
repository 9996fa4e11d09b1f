-- A bulk job runs with the rights of the user who submitted it, checked when each lead starts (SPEC §6):
-- the job keeps the submitter's roles (comma-separated, as the token's groups claim had them).
-- null: a job made before this column existed, or by an older replica during a rolling upgrade; its leads
-- were checked for visibility when it was made, and only then.
alter table qualify_job add column requested_by_roles varchar(500);
