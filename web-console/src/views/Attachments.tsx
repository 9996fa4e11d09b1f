import { useEffect, useState } from 'preact/hooks';
import { attachmentPath, type Attachment } from '../api';
import { useSignedIn } from '../context';
import { saveDownload } from '../components/download';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatSize, formatTime } from '../labels';

/** The lead's files as they are now (the timeline says when each came and went): download or remove each. */
export function Attachments({ leadId, revision, onChanged }: { leadId: string; revision: number; onChanged: () => void }) {
  const { api } = useSignedIn();
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api
      .attachments(leadId)
      .then((list) => current && setAttachments(list))
      .catch((e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [api, leadId, revision]);

  const remove = (attachment: Attachment) =>
    api
      .removeAttachment(leadId, attachment.id)
      .then(() => (setError(null), onChanged()))
      .catch(setError);

  return (
    <div class="attachments">
      <h3 id="attachments-title">Attachments</h3>
      <ProblemAlert error={error} />
      {attachments.length === 0 ? (
        <p>No files.</p>
      ) : (
        <ul aria-labelledby="attachments-title">
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              {attachment.fileName}{' '}
              <span class="meta">
                ({attachment.mediaType}, {formatSize(attachment.size)}) · {formatTime(attachment.uploadedAt)} · {attachment.uploadedBy}
              </span>{' '}
              <button
                type="button"
                onClick={() => saveDownload(api, attachmentPath(leadId, attachment.id), attachment.fileName).catch(setError)}
              >
                Download {attachment.fileName}
              </button>{' '}
              <button type="button" onClick={() => remove(attachment)}>
                Remove {attachment.fileName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
