import type { Api, LeadResult, LeadResultStatus, QualifyJob } from './api';

/** Results asked for at a time: the server's default page, so a 20-lead job's outcome is one request. */
export const OUTCOME_PAGE_SIZE = 100;

/** The per-lead results of a finished job shown so far, of one status or of all (`null`). */
export interface Outcome {
  status: LeadResultStatus | null;
  results: LeadResult[];
  nextCursor: string | null;
}

/** The first page of the job's outcome of `status` (all when null). */
export async function firstOutcome(api: Api, jobId: string, status: LeadResultStatus | null): Promise<Outcome> {
  const page = await api.qualifyJobResults(jobId, { status, limit: OUTCOME_PAGE_SIZE });
  return { status, results: page.items, nextCursor: page.nextCursor };
}

/** The outcome with its next page appended; the same outcome when it has no next page. */
export async function moreOutcome(api: Api, jobId: string, outcome: Outcome): Promise<Outcome> {
  if (!outcome.nextCursor) return outcome;
  const page = await api.qualifyJobResults(jobId, { status: outcome.status, limit: OUTCOME_PAGE_SIZE, cursor: outcome.nextCursor });
  return { status: outcome.status, results: [...outcome.results, ...page.items], nextCursor: page.nextCursor };
}

/** How many results of `status` the finished job has, from its counts. */
export function outcomeTotal(job: QualifyJob, status: LeadResultStatus | null): number {
  switch (status) {
    case null:
      return job.total;
    case 'COMPLETED':
      return job.completed;
    case 'FAILED':
      return job.failed;
    case 'DUPLICATES_FOUND':
      return job.duplicates;
    case 'IN_PROGRESS':
      return job.inProgress;
    case 'PENDING':
      return job.pending;
  }
}
