import { useEffect, useState } from 'preact/hooks';
import type { TimelineItem } from '../api';
import { useSignedIn } from '../context';
import { AddForm, DialogForm } from '../components/Forms';
import { ProblemAlert } from '../components/ProblemAlert';
import { ACTIVITY_TYPES, formatSize, formatTime, humanize } from '../labels';
import { Attachments } from './Attachments';

interface SectionProps {
  leadId: string;
  revision: number;
  onChanged: () => void;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** What one entry says, from the fields of the member its kind names (see api.ts flatItem). */
function describe(item: TimelineItem): string {
  const byKind: Record<string, () => unknown[]> = {
    NOTE: () => [item.text],
    ACTIVITY: () => [humanize(text(item.type)), item.subject, item.state && `(${humanize(text(item.state))})`, item.outcome],
    ATTACHMENT: () => [item.fileName, typeof item.size === 'number' && `(${formatSize(item.size)})`],
    STAKEHOLDER: () => [humanize(text(item.action)), item.details],
  };
  const parts: unknown[] = byKind[item.kind]?.() ?? [
    humanize(text(item.action)),
    item.fromState !== item.toState && item.toState && `${humanize(text(item.fromState)) || 'new'} → ${humanize(text(item.toState))}`,
    item.details,
  ];
  return parts.filter((part) => typeof part === 'string' && part !== '').join(' ');
}

/** The lead's timeline (notes, activities, attachments, history) with adding a note, an activity and an attachment. */
export function Timeline({ leadId, revision, onChanged }: SectionProps) {
  const { api } = useSignedIn();
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api
      .timeline(leadId)
      .then((page) => current && (setItems(page.items), setNextCursor(page.nextCursor)))
      .catch((e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [api, leadId, revision]);

  const more = async () => {
    if (!nextCursor) return;
    try {
      const page = await api.timeline(leadId, nextCursor);
      setItems([...(items ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };
  const [completing, setCompleting] = useState<TimelineItem | null>(null);
  const act = (call: () => Promise<unknown>) =>
    call()
      .then(() => (setError(null), onChanged()))
      .catch(setError);

  return (
    <section aria-labelledby="timeline-title" class="timeline">
      <h2 id="timeline-title">Timeline</h2>
      <AddNote leadId={leadId} onAdded={onChanged} />
      <AddActivity leadId={leadId} onAdded={onChanged} />
      <AddAttachment leadId={leadId} onAdded={onChanged} />
      <Attachments leadId={leadId} revision={revision} onChanged={onChanged} />
      <ProblemAlert error={error} />
      <ol aria-label="Timeline entries">
        {(items ?? []).map((item, index) => (
          <li key={`${item.kind}-${item.at}-${index}`}>
            <span class="kind">{humanize(item.kind)}</span>{' '}
            <span class="meta">
              {formatTime(item.at)} · {item.actor}
            </span>
            <div>{describe(item)}</div>
            {item.kind === 'ACTIVITY' && item.state === 'OPEN' && (
              <div class="actions">
                <button type="button" onClick={() => setCompleting(item)}>
                  Complete {text(item.subject)}
                </button>
                <button type="button" onClick={() => act(() => api.cancelActivity(leadId, text(item.id)))}>
                  Cancel {text(item.subject)}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {items?.length === 0 && <p>Nothing yet.</p>}
      {nextCursor && (
        <button type="button" onClick={more}>
          Show older entries
        </button>
      )}
      {completing && (
        <CompleteActivity
          leadId={leadId}
          activity={completing}
          onClose={() => setCompleting(null)}
          onCompleted={() => (setCompleting(null), onChanged())}
        />
      )}
    </section>
  );
}

/** Completes an open activity, with what came of it (optional). */
function CompleteActivity(props: { leadId: string; activity: TimelineItem; onClose: () => void; onCompleted: () => void }) {
  const { api } = useSignedIn();
  const [outcome, setOutcome] = useState('');
  return (
    <DialogForm
      title={`Complete ${text(props.activity.subject)}`}
      submitLabel="Complete"
      onClose={props.onClose}
      onSubmit={async () => {
        await api.completeActivity(props.leadId, text(props.activity.id), outcome.trim());
        props.onCompleted();
      }}
    >
      <label for="activity-outcome">Outcome</label>
      <textarea id="activity-outcome" rows={2} value={outcome} onInput={(e) => setOutcome(e.currentTarget.value)} />
    </DialogForm>
  );
}

function AddNote({ leadId, onAdded }: { leadId: string; onAdded: () => void }) {
  const { api } = useSignedIn();
  const [note, setNote] = useState('');
  return (
    <AddForm
      submitLabel="Add note"
      onSubmit={async () => {
        await api.addNote(leadId, note);
        setNote('');
        onAdded();
      }}
    >
      <label for="new-note">Note</label>
      <textarea id="new-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
    </AddForm>
  );
}

function AddActivity({ leadId, onAdded }: { leadId: string; onAdded: () => void }) {
  const { api } = useSignedIn();
  const [type, setType] = useState('PHONE_CALL');
  const [subject, setSubject] = useState('');
  const [times, setTimes] = useState({ dueAt: '', startAt: '', endAt: '' });
  const time = (name: keyof typeof times, label: string) => (
    <>
      <label for={`activity-${name}`}>{label}</label>
      <input
        id={`activity-${name}`}
        type="datetime-local"
        value={times[name]}
        onInput={(e) => setTimes({ ...times, [name]: e.currentTarget.value })}
      />
    </>
  );
  return (
    <AddForm
      submitLabel="Add activity"
      onSubmit={async () => {
        const activity: Record<string, string> = { type, subject };
        for (const [name, local] of Object.entries(times)) {
          if (local && (name === 'dueAt' || type === 'APPOINTMENT')) activity[name] = new Date(local).toISOString();
        }
        await api.addActivity(leadId, activity);
        setSubject('');
        onAdded();
      }}
    >
      <label for="activity-type">Activity type</label>
      <select id="activity-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
        {ACTIVITY_TYPES.map((t) => (
          <option key={t} value={t}>
            {humanize(t)}
          </option>
        ))}
      </select>
      <label for="activity-subject">Subject</label>
      <input id="activity-subject" value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      {time('dueAt', 'Due')}
      {type === 'APPOINTMENT' && (
        <>
          {time('startAt', 'Start')}
          {time('endAt', 'End')}
        </>
      )}
    </AddForm>
  );
}

function AddAttachment({ leadId, onAdded }: { leadId: string; onAdded: () => void }) {
  const { api } = useSignedIn();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  return (
    <AddForm
      submitLabel="Add attachment"
      disabled={!file}
      onSubmit={async () => {
        if (!file) return;
        await api.addAttachment(leadId, file);
        setFile(null);
        setInputKey((k) => k + 1); // a new, empty file input
        onAdded();
      }}
    >
      <label for="attachment-file">File</label>
      <input key={inputKey} id="attachment-file" type="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
    </AddForm>
  );
}
