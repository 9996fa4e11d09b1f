import { useEffect, useState } from 'preact/hooks';
import type { Lead, QualifyJob } from '../api';
import { useSignedIn } from '../context';
import { TableHead } from '../components/TableHead';
import { Dialog } from '../components/Dialog';
import { ProblemAlert } from '../components/ProblemAlert';
import { CURRENCIES, humanize, personName } from '../labels';
import { href } from '../route';

const POLL_MS = 500;

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

  // polls the counts only (cheap); once every lead has an outcome, asks once for the per-lead results
  useEffect(() => {
    if (!job || (finished && job.results)) return;
    const timer = setTimeout(
      () => (finished ? api.qualifyJob(job.id) : api.qualifyJobProgress(job.id)).then(setJob).catch(setError),
      finished ? 0 : POLL_MS,
    );
    return () => clearTimeout(timer);
  }, [api, job, finished]);

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
          {finished && job.results && (
            <table aria-label="Outcome per lead">
              <TableHead columns={['Lead', 'Outcome', 'Detail']} />
              <tbody>
                {job.results.map((result) => (
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
