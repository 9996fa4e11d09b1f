import type { ComponentChildren } from 'preact';

/** A read-only record as a description list; empty values are left out. */
export function RecordFields({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="record">
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
