import { useState } from 'preact/hooks';
import type { Opportunity } from '../api';
import { saveDownload } from '../components/download';
import { useSignedIn } from '../context';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecordFields } from '../components/RecordFields';
import { useLoad } from '../components/useLoad';
import { formatSize, formatTime, humanize, personName } from '../labels';
import { href } from '../route';

/** An opportunity, read-only, with what it took over from its lead: notes, attachments, stakeholders. */
export function OpportunityPage({ id }: { id: string }) {
  const { api } = useSignedIn();
  const { value: opportunity, error } = useLoad<Opportunity>(() => api.opportunity(id), [api, id]);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (error) return <ProblemAlert error={error} />;
  if (!opportunity) return <p role="status">Loading…</p>;
  return (
    <section aria-labelledby="opportunity-title">
      <h1 id="opportunity-title">Opportunity: {opportunity.name}</h1>
      <RecordFields
        rows={[
          ['Stage', humanize(opportunity.stage)],
          ['Estimated value', opportunity.estimatedValue != null ? `${opportunity.estimatedValue} ${opportunity.currency ?? ''}` : ''],
          ['Purchase timeframe', humanize(opportunity.purchaseTimeframe)],
          ['Purchase process', humanize(opportunity.purchaseProcess)],
          ['Decision maker', opportunity.decisionMaker == null ? '' : opportunity.decisionMaker ? 'Yes' : 'No'],
          ['Owner', opportunity.ownerId],
          ['Description', opportunity.description],
          ['Account', opportunity.accountId && <a href={href.account(opportunity.accountId)}>Account</a>],
          ['Contact', opportunity.contactId && <a href={href.contact(opportunity.contactId)}>Contact</a>],
          ['Originating lead', opportunity.originatingLeadId && <a href={href.lead(opportunity.originatingLeadId)}>Lead</a>],
        ]}
      />
      <h2>Notes from the lead</h2>
      <ul aria-label="Notes from the lead">
        {opportunity.notes.map((note, index) => (
          <li key={index}>
            <span class="meta">
              {formatTime(note.createdAt)} · {note.author}
            </span>
            <div>{note.text}</div>
          </li>
        ))}
      </ul>
      <h2>Attachments from the lead</h2>
      <ProblemAlert error={downloadError} />
      {opportunity.attachments?.length ? (
        <ul aria-label="Attachments from the lead">
          {opportunity.attachments.map((attachment, index) => (
            <li key={index}>
              {attachment.fileName} ({attachment.mediaType}, {formatSize(attachment.size)}){' '}
              <button type="button" onClick={() => saveDownload(api, attachment.href, attachment.fileName).catch(setDownloadError)}>
                Download {attachment.fileName}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
      <h2>Stakeholders from the lead</h2>
      {opportunity.stakeholders?.length ? (
        <ul aria-label="Stakeholders from the lead">
          {opportunity.stakeholders.map((stakeholder) => (
            <li key={stakeholder.contactId}>
              <ContactLink id={stakeholder.contactId} /> as {humanize(stakeholder.role)}
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
    </section>
  );
}

/** A link to a contact by its current name (account-service's), "Contact" until it has loaded or when it cannot. */
function ContactLink({ id }: { id: string }) {
  const { api } = useSignedIn();
  const { value: contact } = useLoad(() => api.contact(id), [api, id]);
  return <a href={href.contact(id)}>{contact ? personName(contact) : 'Contact'}</a>;
}
