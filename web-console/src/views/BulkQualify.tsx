import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lead, LeadResultStatus, QualifyJob } from '../api';
import { firstOutcome, moreOutcome, outcomeTotal, type Outcome } from '../jobOutcome';
import { useSignedIn } from '../context';
import { TableHead } from '../components/TableHead';
import { Dialog } from '../components/Dialog';
import { ProblemAlert } from '../components/ProblemAlert';
import { CURRENCIES, humanize, personName } from '../labels';
import { href } from '../route';

const POLL_MS = 500;
/** What a finished job's outcome can be narrowed to (nothing is pending or in progress any more). */
const OUTCOME_FILTERS: LeadResultStatus[] = ['COMPLETED', 'FAILED', 'DUPLICATES_FOUND'];

/** Qualifies the selected leads as one bulk job (SPEC §6) and shows its progress until every lead has an outcome. */
export function BulkQualify({ leads, onClose }: { leads: Lead[]; onClose: () => void }) {
  const leadIds = leads.map((lead) => lead.id);
  const { api } = useSignedIn();
  const [currency, setCurrency] = useState('EUR');
  const [policy, setPolicy] = useState('REPORT');
  const [job, setJob] = useState<QualifyJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);

  const done = job ? job.completed + job.failed + job.duplicates : 0;
  const finished = job !== null && done >= job.total;

  const [filter, setFilter] = useState<LeadResultStatus | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // after "Show more results", the first added row's link takes the focus (the button may be gone)
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const rows = useRef<HTMLTableSectionElement>(null);

  // polls the counts only (cheap) until every lead has an outcome
  useEffect(() => {
    if (!job || finished) return;
    const timer = setTimeout(() => api.qualifyJobProgress(job.id).then(setJob).catch(setError), POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job, finished]);

  // then reads the per-lead results a page at a time, again from the first page when the filter changes
  const jobId = finished ? job.id : null;
  useEffect(() => {
    if (!jobId) return;
    let current = true;
    setOutcome(null);
    setError(null);
    firstOutcome(api, jobId, filter)
      .then((first) => current && setOutcome(first))
      .catch((e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [api, jobId, filter]);

  useEffect(() => {
    if (focusRow === null) return;
    rows.current?.querySelectorAll('tr')[focusRow]?.querySelector('a')?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const showMore = async () => {
    if (!job || !outcome) return;
    setLoadingMore(true);
    setError(null);
    try {
      const more = await moreOutcome(api, job.id, outcome);
      // unless the filter changed meanwhile and another outcome is shown
      setOutcome((shown) => (shown === outcome ? more : shown));
      setFocusRow(outcome.results.length);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setJob(await api.startQualifyJob(leadIds, currency, policy));
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };
  const nameOf = (id: string) => {
    const lead = leads.find((l) => l.id === id);
    return lead ? `${personName(lead)} (${lead.topic})` : id;
  };

  return (
    <Dialog title={`Qualify ${leadIds.length} leads`} onClose={onClose}>
      {!job && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <p>Each lead is qualified with the organisation's default records (account, contact and opportunity).</p>
          <label for="bulk-currency">Currency</label>
          <select id="bulk-currency" value={currency} onChange={(e) => setCurrency(e.currentTarget.value)}>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <label for="bulk-policy">When the account or contact already exists</label>
          <select id="bulk-policy" value={policy} onChange={(e) => setPolicy(e.currentTarget.value)}>
            <option value="REPORT">Leave the lead open and report it</option>
            <option value="LINK_EXISTING">Link the existing records</option>
            <option value="CREATE_NEW">Create new records</option>
          </select>
          <div class="actions">
            <button type="submit" disabled={starting}>
              Qualify
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ProblemAlert error={error} />
      {job && (
        <div>
          <label for="bulk-progress">Progress</label>
          <progress id="bulk-progress" max={job.total} value={done} aria-valuetext={`${done} of ${job.total}`} />
          <p aria-live="polite" class="counts">
            {done} of {job.total} done · Completed {job.completed} · Failed {job.failed} · Duplicates {job.duplicates}
            {finished ? ' · Finished' : ` · In progress ${job.inProgress}`}
          </p>
          {finished && (
            <>
              <label for="bulk-outcome-filter">Show outcomes</label>
              <select
                id="bulk-outcome-filter"
                value={filter ?? ''}
                onChange={(e) => setFilter((e.currentTarget.value || null) as LeadResultStatus | null)}
              >
                <option value="">All</option>
                {OUTCOME_FILTERS.map((status) => (
                  <option key={status} value={status}>
                    {humanize(status)}
                  </option>
                ))}
              </select>
            </>
          )}
          {finished && outcome && (
            <>
              <table aria-label="Outcome per lead">
                <TableHead columns={['Lead', 'Outcome', 'Detail']} />
                <tbody ref={rows}>
                  {outcome.results.map((result) => (
                    <tr key={result.leadId}>
                      <td>
                        <a href={href.lead(result.leadId)} onClick={onClose}>
                          {nameOf(result.leadId)}
                        </a>
                      </td>
                      <td>{humanize(result.status)}</td>
                      <td>{result.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p aria-live="polite">
                Showing {outcome.results.length} of {outcomeTotal(job, filter)} results
              </p>
              {outcome.nextCursor && (
                <button type="button" onClick={showMore} disabled={loadingMore}>
                  Show more results
                </button>
              )}
            </>
          )}
          <div class="actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
