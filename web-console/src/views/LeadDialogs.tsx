import { useEffect, useState } from 'preact/hooks';
import type { DisqualificationReason, Lead, RelatedRecords } from '../api';
import { useSignedIn } from '../context';
import { DialogForm } from '../components/Forms';
import { ProblemAlert } from '../components/ProblemAlert';
import { SYSTEM_DISQUALIFY_REASONS } from '../labels';
import { href } from '../route';

interface LeadDialogProps {
  lead: Lead;
  onClose: () => void;
}

/** The active reasons, system and the organisation's own (SPEC §10); the system four until the list has loaded. */
function useDisqualificationReasons(): { reasons: DisqualificationReason[]; error: unknown } {
  const { api } = useSignedIn();
  const [reasons, setReasons] = useState<DisqualificationReason[]>(SYSTEM_DISQUALIFY_REASONS);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api
      .disqualificationReasons()
      .then((all) => setReasons(all.filter((reason) => reason.active)))
      .catch(setError);
  }, [api]);
  return { reasons, error };
}

export function DisqualifyDialog({ lead, onClose, onDone }: LeadDialogProps & { onDone: (lead: Lead) => void }) {
  const { api } = useSignedIn();
  const { reasons, error: reasonsError } = useDisqualificationReasons();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const chosen = reason || reasons[0]?.code || '';
  return (
    <DialogForm
      title="Disqualify lead"
      submitLabel="Disqualify"
      onClose={onClose}
      onSubmit={async () => {
        onDone(await api.disqualify(lead.id, chosen, note));
        onClose();
      }}
    >
      <label for="disqualify-reason">Reason</label>
      <select id="disqualify-reason" value={chosen} onChange={(e) => setReason(e.currentTarget.value)}>
        {reasons.map((r) => (
          <option key={r.code} value={r.code}>
            {r.label}
          </option>
        ))}
      </select>
      <label for="disqualify-note">Note</label>
      <textarea id="disqualify-note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <ProblemAlert error={reasonsError} />
    </DialogForm>
  );
}

function RecordLinks({ records }: { records: RelatedRecords }) {
  const links: [string | null | undefined, string, (id: string) => string][] = [
    [records.accountId, 'Account', href.account],
    [records.contactId, 'Contact', href.contact],
    [records.opportunityId, 'Opportunity', href.opportunity],
  ];
  return (
    <ul>
      {links
        .filter(([id]) => id)
        .map(([id, name, link]) => (
          <li key={name}>
            <a href={link(id!)}>{name}</a>
          </li>
        ))}
    </ul>
  );
}

/** Reactivate warns with the records an earlier qualification created, so nobody tracks the same prospect twice. */
export function ReactivateDialog({ lead, onClose, onDone }: LeadDialogProps & { onDone: (lead: Lead) => void }) {
  const { api } = useSignedIn();
  const earlier: RelatedRecords = { accountId: lead.accountId, contactId: lead.contactId, opportunityId: lead.opportunityId };
  const hasEarlier = Boolean(earlier.accountId || earlier.contactId || earlier.opportunityId);
  return (
    <DialogForm
      title="Reactivate lead"
      submitLabel="Reactivate"
      onClose={onClose}
      onSubmit={async () => {
        onDone(await api.reactivate(lead.id));
        onClose();
      }}
    >
      {hasEarlier ? (
        <div role="note" class="warning">
          <p>
            <strong>Warning:</strong> an earlier qualification of this lead created these records. They stay; qualify the lead again only by
            linking them, so the same prospect is not tracked twice.
          </p>
          <RecordLinks records={earlier} />
        </div>
      ) : (
        <p>The lead becomes open again, with its notes and history.</p>
      )}
    </DialogForm>
  );
}

export function DeleteDialog({ lead, onClose, onDone }: LeadDialogProps & { onDone: () => void }) {
  const { api } = useSignedIn();
  return (
    <DialogForm
      title="Delete lead"
      submitLabel="Delete"
      onClose={onClose}
      onSubmit={async () => {
        await api.deleteLead(lead.id);
        onDone();
      }}
    >
      <p>Delete “{lead.topic}” with its notes and timeline? This cannot be undone.</p>
    </DialogForm>
  );
}
