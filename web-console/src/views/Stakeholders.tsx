import { useEffect, useState } from 'preact/hooks';
import type { Contact, Stakeholder } from '../api';
import { useSignedIn } from '../context';
import { TableHead } from '../components/TableHead';
import { AddForm, DialogForm, SearchField } from '../components/Forms';
import { ProblemAlert } from '../components/ProblemAlert';
import { STAKEHOLDER_ROLES, humanize, personName } from '../labels';
import { href } from '../route';

/** The contact's current name (its id while lead-service has not heard of the contact yet). */
function stakeholderName(s: Stakeholder): string {
  return personName(s) || s.contactId;
}

/** The lead's stakeholders: contacts with a role, found by a lookup or created with "+ New" (SPEC §10). */
export function Stakeholders({ leadId, revision, onChanged }: { leadId: string; revision: number; onChanged: () => void }) {
  const { api } = useSignedIn();
  const [stakeholders, setStakeholders] = useState<Stakeholder[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Contact[]>([]);
  const [contactId, setContactId] = useState('');
  const [role, setRole] = useState('STAKEHOLDER');
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    api.stakeholders(leadId).then(setStakeholders).catch(setError);
  }, [api, leadId, revision]);

  const act = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const find = () =>
    api
      .findContacts(q)
      .then((contacts) => {
        setFound(contacts);
        setContactId(contacts[0]?.id ?? '');
      })
      .catch(setError);

  return (
    <section aria-labelledby="stakeholders-title" class="stakeholders">
      <h2 id="stakeholders-title">Stakeholders</h2>
      <ProblemAlert error={error} />
      {stakeholders.length > 0 && (
        <table aria-label="Stakeholders">
          <TableHead columns={['Name', 'Email', 'Job title', 'Role', <span class="visually-hidden">Remove</span>]} />
          <tbody>
            {stakeholders.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={href.contact(s.contactId)}>{stakeholderName(s)}</a>
                  {s.contactDeleted && ' (contact deleted)'}
                </td>
                <td>{s.email}</td>
                <td>{s.jobTitle}</td>
                <td>
                  <select
                    aria-label={`Role of ${stakeholderName(s)}`}
                    value={s.role}
                    onChange={(e) => act(() => api.changeStakeholderRole(leadId, s.id, e.currentTarget.value))}
                  >
                    {STAKEHOLDER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {humanize(r)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" onClick={() => act(() => api.removeStakeholder(leadId, s.id))}>
                    Remove {stakeholderName(s)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddForm submitLabel="Add stakeholder" disabled={!contactId} onSubmit={() => act(() => api.addStakeholder(leadId, contactId, role))}>
        <SearchField id="stakeholder-search" label="Find contact" value={q} onInput={setQ} onSearch={find} />
        <button type="button" onClick={() => setCreating(true)}>
          + New
        </button>
        {found.length > 0 && (
          <>
            <label for="stakeholder-contact">Contact</label>
            <select id="stakeholder-contact" value={contactId} onChange={(e) => setContactId(e.currentTarget.value)}>
              {found.map((c) => (
                <option key={c.id} value={c.id}>
                  {personName(c)}
                  {c.email ? ` <${c.email}>` : ''}
                </option>
              ))}
            </select>
          </>
        )}
        <label for="stakeholder-role">Role</label>
        <select id="stakeholder-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          {STAKEHOLDER_ROLES.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
      </AddForm>
      {creating && (
        <NewContactDialog
          onClose={() => setCreating(false)}
          onCreated={(contact) => {
            setFound([contact, ...found]);
            setContactId(contact.id);
            setCreating(false);
          }}
        />
      )}
    </section>
  );
}

function NewContactDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (contact: Contact) => void }) {
  const { api } = useSignedIn();
  const [fields, setFields] = useState({ firstName: '', lastName: '', email: '', jobTitle: '' });
  const input = (name: keyof typeof fields, label: string) => (
    <>
      <label for={`new-contact-${name}`}>{label}</label>
      <input id={`new-contact-${name}`} value={fields[name]} onInput={(e) => setFields({ ...fields, [name]: e.currentTarget.value })} />
    </>
  );
  return (
    <DialogForm
      title="New contact"
      submitLabel="Create contact"
      onClose={onClose}
      onSubmit={async () => {
        const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value.trim() !== ''));
        onCreated(await api.createContact(body));
      }}
    >
      {input('firstName', 'First name')}
      {input('lastName', 'Last name')}
      {input('email', 'Email')}
      {input('jobTitle', 'Job title')}
    </DialogForm>
  );
}
