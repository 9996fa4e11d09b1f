import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Dialog } from './Dialog';
import { ProblemAlert } from './ProblemAlert';

/** Runs a call for a form: busy while it runs, and its problem to show when it fails. */
function useSubmit(action: () => Promise<unknown>) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

/** A dialog around a form: its fields, the problem of a failed submit, the submit button and Cancel. */
export function DialogForm(props: {
  title: string;
  submitLabel: string;
  onSubmit: () => Promise<unknown>;
  onClose: () => void;
  children?: ComponentChildren;
}) {
  const { error, busy, submit } = useSubmit(props.onSubmit);
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form onSubmit={submit}>
        {props.children}
        <ProblemAlert error={error} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {props.submitLabel}
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A small inline form that adds something (a note, an activity, ...): fields, the button, the problem. */
export function AddForm(props: {
  submitLabel: string;
  disabled?: boolean;
  onSubmit: () => Promise<unknown>;
  children?: ComponentChildren;
}) {
  const { error, busy, submit } = useSubmit(props.onSubmit);
  return (
    <form class="add-form" onSubmit={submit}>
      {props.children}
      <button type="submit" disabled={busy || props.disabled}>
        {props.submitLabel}
      </button>
      <ProblemAlert error={error} />
    </form>
  );
}

/** A labelled search box with its Find button; Enter searches too, without submitting the form around it. */
export function SearchField(props: { id: string; label: string; value: string; onInput: (value: string) => void; onSearch: () => void }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="search"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            props.onSearch();
          }
        }}
      />
      <button type="button" onClick={props.onSearch}>
        Find
      </button>
    </>
  );
}
