import { useEffect, useState } from 'preact/hooks';
import type { Account, Contact, DuplicateMatch, Lead, Qualification, QualifyRequest } from '../api';
import { useSignedIn } from '../context';
import { Dialog } from '../components/Dialog';
import { DialogForm, SearchField } from '../components/Forms';
import { ProblemAlert } from '../components/ProblemAlert';
import { CURRENCIES, personName } from '../labels';

const SERVER_WAIT_SECONDS = 20;
const POLL_MS = 500;

type Step =
  | { name: 'idle' }
  | { name: 'choosing'; createAll: boolean }
  | { name: 'processing' }
  | { name: 'duplicates'; qualification: Qualification; request: QualifyRequest };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Qualify command (SPEC §5, §11): at once when the organisation creates all records by default, otherwise a dialog
 * of which records to create; "Processing" until the saga ends; the duplicate dialog when it found some.
 */
export function QualifyFlow({ lead, onChanged, onProblem }: { lead: Lead; onChanged: () => void; onProblem: (e: unknown) => void }) {
  const { api } = useSignedIn();
  const [step, setStep] = useState<Step>({ name: 'idle' });

  const run = async (request: QualifyRequest) => {
    setStep({ name: 'processing' });
    onProblem(null);
    try {
      let qualification = await api.qualify(lead.id, request, SERVER_WAIT_SECONDS);
      while (qualification.status === 'IN_PROGRESS') {
        await sleep(POLL_MS);
        qualification = await api.qualification(lead.id);
      }
      if (qualification.status === 'DUPLICATES_FOUND') {
        setStep({ name: 'duplicates', qualification, request });
        return;
      }
      if (qualification.status === 'FAILED') {
        onProblem(new Error(`The qualification failed: ${qualification.failureReason ?? 'no reason given'}`));
      }
      setStep({ name: 'idle' });
      onChanged();
    } catch (e) {
      setStep({ name: 'idle' });
      onProblem(e);
      onChanged();
    }
  };

  const start = async () => {
    onProblem(null);
    try {
      const settings = await api.qualificationSettings();
      if (settings.createRecordsByDefault && lead.currency) run({ opportunityCurrency: lead.currency });
      else setStep({ name: 'choosing', createAll: settings.createRecordsByDefault });
    } catch (e) {
      onProblem(e);
    }
  };

  return (
    <>
      <button type="button" onClick={start} disabled={step.name === 'processing'}>
        Qualify
      </button>
      {step.name === 'processing' && (
        <span role="status" class="processing">
          Processing…
        </span>
      )}
      {step.name === 'choosing' && (
        <ChooseRecordsDialog lead={lead} createAll={step.createAll} onClose={() => setStep({ name: 'idle' })} onQualify={run} />
      )}
      {step.name === 'duplicates' && (
        <DuplicatesDialog
          qualification={step.qualification}
          onClose={() => {
            setStep({ name: 'idle' });
            onChanged();
          }}
          onContinue={(links) => run({ ...step.request, ...links })}
          onIgnore={() => run({ ...step.request, suppressDuplicateDetection: true })}
        />
      )}
    </>
  );
}

/** A search box and the records it found, to pick an existing account or contact to link. */
function RecordLookup<T extends { id: string }>(props: {
  label: string;
  find: (q: string) => Promise<T[]>;
  describe: (record: T) => string;
  selected: string;
  onSelect: (id: string) => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<T[]>([]);
  const [error, setError] = useState<unknown>(null);
  const id = `lookup-${props.label.replace(/\W+/g, '-').toLowerCase()}`;
  const search = () =>
    props
      .find(q)
      .then((records) => (setFound(records), setError(null)))
      .catch(setError);
  return (
    <div class="lookup">
      <SearchField id={id} label={props.label} value={q} onInput={setQ} onSearch={search} />
      <ProblemAlert error={error} />
      {found.length > 0 && (
        <select aria-label={`${props.label}: results`} value={props.selected} onChange={(e) => props.onSelect(e.currentTarget.value)}>
          <option value="">Create a new one</option>
          {found.map((record) => (
            <option key={record.id} value={record.id}>
              {props.describe(record)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function ChooseRecordsDialog({
  lead,
  createAll,
  onClose,
  onQualify,
}: {
  lead: Lead;
  createAll: boolean;
  onClose: () => void;
  onQualify: (r: QualifyRequest) => void;
}) {
  const { api } = useSignedIn();
  const [createAccount, setCreateAccount] = useState(createAll);
  const [createContact, setCreateContact] = useState(createAll);
  const [createOpportunity, setCreateOpportunity] = useState(createAll);
  const [currency, setCurrency] = useState(lead.currency ?? 'EUR');
  const [accountId, setAccountId] = useState('');
  const [contactId, setContactId] = useState('');
  return (
    <DialogForm
      title="Qualify lead"
      submitLabel="Qualify"
      onClose={onClose}
      onSubmit={async () =>
        onQualify({
          createAccount: createAccount && !accountId,
          createContact: createContact && !contactId,
          createOpportunity,
          existingAccountId: accountId || undefined,
          existingContactId: contactId || undefined,
          opportunityCurrency: createOpportunity ? currency : undefined,
        })
      }
    >
      <fieldset>
        <legend>Records to create</legend>
        <label>
          <input type="checkbox" checked={createAccount} onChange={(e) => setCreateAccount(e.currentTarget.checked)} /> Account
        </label>
        <label>
          <input type="checkbox" checked={createContact} onChange={(e) => setCreateContact(e.currentTarget.checked)} /> Contact
        </label>
        <label>
          <input type="checkbox" checked={createOpportunity} onChange={(e) => setCreateOpportunity(e.currentTarget.checked)} /> Opportunity
        </label>
      </fieldset>
      <label for="qualify-currency">Currency</label>
      <select id="qualify-currency" value={currency} onChange={(e) => setCurrency(e.currentTarget.value)}>
        {CURRENCIES.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
      <RecordLookup<Account>
        label="Existing account"
        find={(q) => api.findAccounts(q)}
        describe={(a) => `${a.name}${a.website ? ` (${a.website})` : ''}`}
        selected={accountId}
        onSelect={setAccountId}
      />
      <RecordLookup<Contact>
        label="Existing contact"
        find={(q) => api.findContacts(q)}
        describe={(c) => `${personName(c)}${c.email ? ` <${c.email}>` : ''}`}
        selected={contactId}
        onSelect={setContactId}
      />
    </DialogForm>
  );
}

function MatchChoices({
  legend,
  name,
  matches,
  selected,
  onSelect,
  details,
}: {
  legend: string;
  name: string;
  matches: DuplicateMatch[];
  selected: string;
  onSelect: (id: string) => void;
  details: (id: string) => Promise<(string | null | undefined)[]>;
}) {
  // what tells the matches apart beyond the name: the record's own details, read from its service
  const [extra, setExtra] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const match of matches) {
      details(match.id)
        .then((values) => setExtra((known) => ({ ...known, [match.id]: values.filter(Boolean).join(' · ') })))
        .catch(() => undefined); // the match's own fields still show
    }
  }, [matches]);
  if (matches.length === 0) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {matches.map((match) => (
        <label key={match.id} class="choice">
          <input type="radio" name={name} checked={selected === match.id} onChange={() => onSelect(match.id)} />
          {[match.name, match.companyName, match.email, match.ownerId && `owner ${match.ownerId}`, extra[match.id]]
            .filter(Boolean)
            .join(' · ')}
        </label>
      ))}
      <label class="choice">
        <input type="radio" name={name} checked={selected === ''} onChange={() => onSelect('')} />
        None of these: create a new one
      </label>
    </fieldset>
  );
}

/** "Account or Contact may already exist": link a match (Continue), or qualify without detection (Ignore and save). */
function DuplicatesDialog({
  qualification,
  onClose,
  onContinue,
  onIgnore,
}: {
  qualification: Qualification;
  onClose: () => void;
  onContinue: (links: QualifyRequest) => void;
  onIgnore: () => void;
}) {
  const { api } = useSignedIn();
  const accounts = qualification.duplicates?.accounts ?? [];
  const contacts = qualification.duplicates?.contacts ?? [];
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [contactId, setContactId] = useState(contacts[0]?.id ?? '');
  return (
    <Dialog title="Account or Contact may already exist" onClose={onClose}>
      <p>Select the existing records to link the lead to, or ignore the matches and create new ones.</p>
      <MatchChoices
        legend="Matching accounts"
        name="duplicate-account"
        matches={accounts}
        selected={accountId}
        onSelect={setAccountId}
        details={(id) => api.account(id).then((a) => [a.website, a.city, a.country, `owner ${a.ownerId}`])}
      />
      <MatchChoices
        legend="Matching contacts"
        name="duplicate-contact"
        matches={contacts}
        selected={contactId}
        onSelect={setContactId}
        details={(id) => api.contact(id).then((c) => [c.jobTitle, c.email, c.ownerId && `owner ${c.ownerId}`])}
      />
      <div class="actions">
        <button
          type="button"
          onClick={() =>
            onContinue({
              existingAccountId: accountId || undefined,
              existingContactId: contactId || undefined,
              // a group where the person chose "create a new one" was decided by them: do not stop on it again
              suppressDuplicateDetection: (accounts.length > 0 && !accountId) || (contacts.length > 0 && !contactId),
            })
          }
        >
          Continue
        </button>
        <button type="button" onClick={onIgnore}>
          Ignore and save
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
