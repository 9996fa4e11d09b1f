import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api, type LeadResult } from './api';
import { firstOutcome, moreOutcome, OUTCOME_PAGE_SIZE, outcomeTotal } from './jobOutcome';

// a fake of GET /api/leads/qualify-jobs/{jobId}/results: keyset pages over the job's results, as lead-service answers
const JOB = 'job-1';
const results: LeadResult[] = Array.from({ length: 250 }, (_, i) => ({
  leadId: `lead-${i}`,
  status: i % 10 === 3 ? 'FAILED' : 'COMPLETED',
  detail: i % 10 === 3 ? 'Lead is no longer open' : undefined,
}));
const asked: URL[] = [];

function serveResults(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://console.test');
  asked.push(url);
  if (url.pathname !== `/api/leads/qualify-jobs/${JOB}/results`) return Promise.resolve(new Response(null, { status: 404 }));
  const status = url.searchParams.get('status');
  const limit = Number(url.searchParams.get('limit') ?? 100);
  const after = Number(url.searchParams.get('cursor') ?? -1);
  const matching = results.map((result, position) => ({ result, position })).filter(({ result }) => !status || result.status === status);
  const page = matching.filter(({ position }) => position > after).slice(0, limit + 1);
  const shown = page.slice(0, limit);
  const body = {
    items: shown.map(({ result }) => result),
    nextCursor: page.length > limit ? String(shown[shown.length - 1].position) : null,
  };
  return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  asked.length = 0;
});

describe("a bulk job's outcome", () => {
  it('pages through every result, in the order the leads were given, a page at a time', async () => {
    vi.stubGlobal('fetch', vi.fn(serveResults));
    const api = new Api('token');
    let outcome = await firstOutcome(api, JOB, null);
    expect(outcome.results).toHaveLength(OUTCOME_PAGE_SIZE);
    expect(outcome.nextCursor).not.toBeNull();
    outcome = await moreOutcome(api, JOB, outcome);
    outcome = await moreOutcome(api, JOB, outcome);
    expect(outcome.results.map((r) => r.leadId)).toEqual(results.map((r) => r.leadId));
    expect(outcome.nextCursor).toBeNull();
    expect(await moreOutcome(api, JOB, outcome)).toBe(outcome);
    expect(asked).toHaveLength(3);
    expect(asked.map((url) => url.searchParams.get('limit'))).toEqual(['100', '100', '100']);
    expect(asked[0].searchParams.has('cursor')).toBe(false);
  });

  it('keeps to one status on every page', async () => {
    vi.stubGlobal('fetch', vi.fn(serveResults));
    const api = new Api('token');
    let outcome = await firstOutcome(api, JOB, 'FAILED');
    while (outcome.nextCursor) outcome = await moreOutcome(api, JOB, outcome);
    expect(outcome.results).toHaveLength(25);
    expect(outcome.results.every((r) => r.status === 'FAILED')).toBe(true);
    expect(asked.every((url) => url.searchParams.get('status') === 'FAILED')).toBe(true);
  });

  it('counts the results of a status from the job', () => {
    const job = { id: JOB, status: 'FINISHED', total: 250, completed: 225, failed: 25, duplicates: 0, inProgress: 0, pending: 0 } as const;
    expect(outcomeTotal(job, null)).toBe(250);
    expect(outcomeTotal(job, 'FAILED')).toBe(25);
    expect(outcomeTotal(job, 'COMPLETED')).toBe(225);
  });
});
