import type { Account, Contact, Opportunity } from '../api';
import { useSignedIn } from '../context';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecordFields } from '../components/RecordFields';
import { useLoad } from '../components/useLoad';
import { humanize, personName } from '../labels';
import { href } from '../route';

/** An account, read-only, with its opportunities. */
export function AccountPage({ id }: { id: string }) {
  const { api } = useSignedIn();
  const { value, error } = useLoad<[Account, Opportunity[]]>(
    () => Promise.all([api.account(id), api.opportunitiesOfAccount(id)]),
    [api, id],
  );
  if (error) return <ProblemAlert error={error} />;
  if (!value) return <p role="status">Loading…</p>;
  const [account, opportunities] = value;
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Account: {account.name}</h1>
      <RecordFields
        rows={[
          ['Website', account.website],
          ['Industry', account.industry],
          ['Phone', account.phone],
          ['City', account.city],
          ['Country', account.country],
          ['Owner', account.ownerId],
          ['Originating lead', account.originatingLeadId && <a href={href.lead(account.originatingLeadId)}>Lead</a>],
        ]}
      />
      <h2>Opportunities</h2>
      <ul aria-label="Opportunities">
        {opportunities.map((o) => (
          <li key={o.id}>
            <a href={href.opportunity(o.id)}>{o.name}</a> · {humanize(o.stage)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A contact, read-only. */
export function ContactPage({ id }: { id: string }) {
  const { api } = useSignedIn();
  const { value: contact, error } = useLoad<Contact>(() => api.contact(id), [api, id]);
  if (error) return <ProblemAlert error={error} />;
  if (!contact) return <p role="status">Loading…</p>;
  return (
    <section aria-labelledby="contact-title">
      <h1 id="contact-title">Contact: {personName(contact)}</h1>
      <RecordFields
        rows={[
          ['Email', contact.email],
          ['Job title', contact.jobTitle],
          ['Owner', contact.ownerId],
          ['Account', contact.accountId && <a href={href.account(contact.accountId)}>Account</a>],
          ['Originating lead', contact.originatingLeadId && <a href={href.lead(contact.originatingLeadId)}>Lead</a>],
        ]}
      />
    </section>
  );
}
