-- A job's per-lead results page in the order the leads were given (GET /api/leads/qualify-jobs/{id}/results,
-- keyset on position); a job may hold 100,000 leads (SPEC §6).
create unique index qualify_job_lead_position on qualify_job_lead (job_id, position);
