import { DETAILS, SUMMARY, type Draft, type Field } from '../leadFields';
import { humanize } from '../labels';

function inputId(path: string) {
  return `lead-${path.replace('.', '-')}`;
}

function FieldInput({
  field,
  value,
  error,
  readOnly,
  onChange,
}: {
  field: Field;
  value: string;
  error?: string;
  readOnly: boolean;
  onChange: (v: string) => void;
}) {
  const id = inputId(field.path);
  const errorId = `${id}-error`;
  const common = {
    id,
    disabled: readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': errorId,
    'aria-required': field.required || undefined,
  };
  let input;
  if (field.kind === 'textarea') {
    input = <textarea {...common} rows={4} value={value} onInput={(e) => onChange(e.currentTarget.value)} />;
  } else if (field.kind === 'select' || field.kind === 'yes-no') {
    const options = field.kind === 'yes-no' ? ['true', 'false'] : field.options!;
    input = (
      <select {...common} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">—</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {field.kind === 'yes-no' ? (option === 'true' ? 'Yes' : 'No') : field.path === 'currency' ? option : humanize(option)}
          </option>
        ))}
      </select>
    );
  } else {
    input = (
      <input
        {...common}
        type="text"
        inputMode={field.kind === 'number' ? 'decimal' : field.kind === 'email' ? 'email' : 'text'}
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  }
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{field.label}</label>
      {input}
      <span id={errorId} class="field-error">
        {error}
      </span>
    </div>
  );
}

/** The lead's fields in two sections, Summary and Details, each with its validation message beside it. */
export function LeadForm({
  draft,
  errors,
  readOnly,
  onChange,
}: {
  draft: Draft;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (draft: Draft) => void;
}) {
  const section = (title: string, fields: Field[]) => (
    <fieldset class="form-section">
      <legend>{title}</legend>
      {title === 'Summary' && <p class="hint">Topic and Last name are required.</p>}
      {fields.map((field) => (
        <FieldInput
          key={field.path}
          field={field}
          value={draft[field.path] ?? ''}
          error={errors[field.path]}
          readOnly={readOnly}
          onChange={(value) => onChange({ ...draft, [field.path]: value })}
        />
      ))}
    </fieldset>
  );
  return (
    <div class="lead-form">
      {section('Summary', SUMMARY)}
      {section('Details', DETAILS)}
    </div>
  );
}
