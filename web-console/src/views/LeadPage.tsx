import { useEffect, useState } from 'preact/hooks';
import { Problem, type Lead } from '../api';
import { useSignedIn } from '../context';
import { ProblemAlert } from '../components/ProblemAlert';
import { LeadForm } from './LeadForm';
import { bodyOf, draftOf, isFormField, violationsByField, type Draft } from '../leadFields';
import { allowedCommands } from '../leadCommands';
import { QualifyFlow } from './QualifyFlow';
import { DeleteDialog, DisqualifyDialog, ReactivateDialog } from './LeadDialogs';
import { Timeline } from './Timeline';
import { Stakeholders } from './Stakeholders';
import { humanize, personName } from '../labels';
import { href, navigate } from '../route';

type OpenDialog = 'disqualify' | 'reactivate' | 'delete' | null;

/** A lead: the command bar, the form, the records it led to, its timeline and stakeholders; or a new lead's form. */
export function LeadPage({ id }: { id: string | null }) {
  const { api } = useSignedIn();
  const [lead, setLead] = useState<Lead | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [duplicateOnCreate, setDuplicateOnCreate] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  // bumped after every action, so the timeline and stakeholders reload with the lead
  const [revision, setRevision] = useState(0);

  const show = (next: Lead) => {
    setLead(next);
    setDraft(draftOf(next));
    setErrors({});
    setRevision((n) => n + 1);
  };
  const reload = async () => {
    if (!id) return;
    try {
      show(await api.getLead(id));
    } catch (e) {
      setProblem(e);
    }
  };
  useEffect(() => {
    reload();
  }, [id]);
  // a qualification in progress (from another tab, a bulk job, ...) ends on its own: follow it until it has
  useEffect(() => {
    if (!lead?.qualificationInProgress) return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [lead]);

  const failed = (e: unknown) => {
    setProblem(e);
    setErrors(e instanceof Problem ? violationsByField(e.violations) : {});
  };

  const save = async (suppressDuplicateDetection = false) => {
    setSaving(true);
    setProblem(null);
    setNotice('');
    setDuplicateOnCreate(false);
    try {
      if (lead) {
        const changes = bodyOf(draft, draftOf(lead));
        if (Object.keys(changes).length > 0) show(await api.updateLead(lead.id, lead.version, changes));
        setNotice('Saved.');
      } else {
        const created = await api.createLead(bodyOf(draft, null), suppressDuplicateDetection);
        navigate(href.lead(created.id));
      }
    } catch (e) {
      failed(e);
      setDuplicateOnCreate(!lead && e instanceof Problem && e.status === 409);
    } finally {
      setSaving(false);
    }
  };

  if (id && !lead) {
    return problem ? <ProblemAlert error={problem} /> : <p role="status">Loading…</p>;
  }
  const can = allowedCommands(lead);
  const otherViolations = problem instanceof Problem ? problem.violations.filter((v) => !isFormField(v.field)) : [];

  return (
    <section aria-labelledby="lead-title">
      <p>
        <a href={href.leads}>← Leads</a>
      </p>
      <h1 id="lead-title">{lead ? `${personName(lead)}: ${lead.topic}` : 'New lead'}</h1>
      {lead && (
        <p class="status-line">
          Status: <strong>{humanize(lead.state)}</strong> ({lead.statusReasonLabel ?? humanize(lead.statusReason)}) · Owner {lead.ownerId}
          {lead.qualificationInProgress && ' · Qualification in progress'}
        </p>
      )}
      <div role="toolbar" aria-label="Commands" class="command-bar">
        {can.save && (
          <button type="button" disabled={saving} onClick={() => save()}>
            Save
          </button>
        )}
        {lead && can.qualify && <QualifyFlow lead={lead} onChanged={reload} onProblem={setProblem} />}
        {can.disqualify && (
          <button type="button" onClick={() => setDialog('disqualify')}>
            Disqualify
          </button>
        )}
        {can.reactivate && (
          <button type="button" onClick={() => setDialog('reactivate')}>
            Reactivate
          </button>
        )}
        {lead && can.delete && (
          <button type="button" onClick={() => setDialog('delete')}>
            Delete
          </button>
        )}
      </div>
      <ProblemAlert error={problem} />
      {otherViolations.length > 0 && (
        <ul class="problem">
          {otherViolations.map((v) => (
            <li key={v.field}>
              {v.field}: {v.message}
            </li>
          ))}
        </ul>
      )}
      {duplicateOnCreate && (
        <p>
          A lead with this email is already open.{' '}
          <button type="button" onClick={() => save(true)}>
            Save anyway
          </button>
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {lead && (lead.accountId || lead.contactId || lead.opportunityId) && (
        <nav aria-label="Records from the qualification" class="related">
          {lead.state === 'QUALIFIED' ? 'Qualified into:' : 'An earlier qualification made:'}{' '}
          {lead.accountId && <a href={href.account(lead.accountId)}>Account</a>}{' '}
          {lead.contactId && <a href={href.contact(lead.contactId)}>Contact</a>}{' '}
          {lead.opportunityId && <a href={href.opportunity(lead.opportunityId)}>Opportunity</a>}
        </nav>
      )}
      <LeadForm draft={draft} errors={errors} readOnly={!can.save} onChange={setDraft} />
      {lead && (
        <div class="lead-side">
          <Timeline leadId={lead.id} revision={revision} onChanged={reload} />
          <Stakeholders leadId={lead.id} revision={revision} onChanged={reload} />
        </div>
      )}
      {lead && dialog === 'disqualify' && <DisqualifyDialog lead={lead} onClose={() => setDialog(null)} onDone={show} />}
      {lead && dialog === 'reactivate' && (
        <ReactivateDialog
          lead={lead}
          onClose={() => setDialog(null)}
          onDone={(reactivated) => {
            show(reactivated);
            setNotice('Reactivated: the lead is open again.');
          }}
        />
      )}
      {lead && dialog === 'delete' && <DeleteDialog lead={lead} onClose={() => setDialog(null)} onDone={() => navigate(href.leads)} />}
    </section>
  );
}
