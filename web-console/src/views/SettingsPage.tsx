import { useEffect, useState } from 'preact/hooks';
import type { DisqualificationReason } from '../api';
import { useSignedIn } from '../context';
import { TableHead } from '../components/TableHead';
import { AddForm } from '../components/Forms';
import { ProblemAlert } from '../components/ProblemAlert';

/** The organisation's settings (admin): whether qualifying creates every record by default, and the disqualification reasons. */
export function SettingsPage() {
  const { api } = useSignedIn();
  const [createAll, setCreateAll] = useState<boolean | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api
      .qualificationSettings()
      .then((settings) => setCreateAll(settings.createRecordsByDefault))
      .catch(setError);
  }, [api]);

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setNotice('');
          setError(null);
          try {
            const saved = await api.saveQualificationSettings({ createRecordsByDefault: Boolean(createAll) });
            setCreateAll(saved.createRecordsByDefault);
            setNotice('Settings saved.');
          } catch (e) {
            setError(e);
          }
        }}
      >
        <h2>Qualification</h2>
        <label>
          <input
            type="checkbox"
            checked={Boolean(createAll)}
            disabled={createAll === null}
            onChange={(e) => setCreateAll(e.currentTarget.checked)}
          />{' '}
          Create records by default
        </label>
        <p class="hint">When on, Qualify creates an account, a contact and an opportunity at once; when off, it asks which to create.</p>
        <button type="submit">Save</button>
        {notice && <p role="status">{notice}</p>}
        <ProblemAlert error={error} />
      </form>
      <DisqualificationReasons />
    </section>
  );
}

function DisqualificationReasons() {
  const { api } = useSignedIn();
  const [reasons, setReasons] = useState<DisqualificationReason[] | null>(null);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = () => api.disqualificationReasons().then(setReasons).catch(setError);
  useEffect(() => {
    load();
  }, [api]);
  const retire = async (code: string) => {
    setError(null);
    try {
      await api.retireDisqualificationReason(code);
      await load();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="reasons-title">
      <h2 id="reasons-title">Disqualification reasons</h2>
      <ProblemAlert error={error} />
      {reasons && (
        <table aria-label="Disqualification reasons">
          <TableHead columns={['Code', 'Label', 'Kind', 'Status', <span class="visually-hidden">Retire</span>]} />
          <tbody>
            {reasons.map((reason) => (
              <tr key={reason.code}>
                <td>{reason.code}</td>
                <td>{reason.label}</td>
                <td>{reason.system ? 'System' : 'Custom'}</td>
                <td>{reason.active ? 'Active' : 'Retired'}</td>
                <td>
                  {!reason.system && reason.active && (
                    <button type="button" onClick={() => retire(reason.code)}>
                      Retire {reason.label}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddForm
        submitLabel="Add reason"
        onSubmit={async () => {
          await api.addDisqualificationReason(code, label);
          setCode('');
          setLabel('');
          await load();
        }}
      >
        <label for="reason-code">Code</label>
        <input id="reason-code" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        <label for="reason-label">Label</label>
        <input id="reason-label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
      </AddForm>
    </section>
  );
}
