// The lead form's model, without rendering: its fields, the draft a lead gives, the request body a draft gives, and where
// a problem's violations go. Plain functions, tested in milliseconds (leadFields.test.ts).
import type { Lead, Violation } from './api';
import { CURRENCIES } from './labels';

/** One field of the lead form: its JSON path in the API (`address.city`), its label and how it is edited. */
export interface Field {
  path: string;
  label: string;
  kind?: 'text' | 'email' | 'number' | 'textarea' | 'select' | 'yes-no';
  options?: string[];
  required?: boolean;
}

export const SUMMARY: Field[] = [
  { path: 'topic', label: 'Topic', required: true },
  { path: 'firstName', label: 'First name' },
  { path: 'lastName', label: 'Last name', required: true },
  { path: 'jobTitle', label: 'Job title' },
  { path: 'companyName', label: 'Company' },
  { path: 'email', label: 'Email', kind: 'email' },
  { path: 'businessPhone', label: 'Business phone' },
  { path: 'mobilePhone', label: 'Mobile phone' },
  { path: 'website', label: 'Website' },
];

export const DETAILS: Field[] = [
  { path: 'budgetAmount', label: 'Budget', kind: 'number' },
  { path: 'currency', label: 'Currency', kind: 'select', options: CURRENCIES },
  {
    path: 'purchaseTimeframe',
    label: 'Purchase timeframe',
    kind: 'select',
    options: ['IMMEDIATE', 'THIS_QUARTER', 'NEXT_QUARTER', 'THIS_YEAR', 'UNKNOWN'],
  },
  { path: 'purchaseProcess', label: 'Purchase process', kind: 'select', options: ['INDIVIDUAL', 'COMMITTEE', 'UNKNOWN'] },
  { path: 'decisionMaker', label: 'Decision maker', kind: 'yes-no' },
  {
    path: 'leadSource',
    label: 'Lead source',
    kind: 'select',
    options: [
      'ADVERTISEMENT',
      'EMPLOYEE_REFERRAL',
      'EXTERNAL_REFERRAL',
      'PARTNER',
      'PUBLIC_RELATIONS',
      'SEMINAR',
      'TRADE_SHOW',
      'WEB',
      'WORD_OF_MOUTH',
      'OTHER',
    ],
  },
  { path: 'preferredContactMethod', label: 'Preferred contact method', kind: 'select', options: ['ANY', 'EMAIL', 'PHONE', 'MAIL'] },
  { path: 'industry', label: 'Industry' },
  { path: 'address.street', label: 'Street' },
  { path: 'address.city', label: 'City' },
  { path: 'address.stateOrProvince', label: 'State or province' },
  { path: 'address.postalCode', label: 'Postal code' },
  { path: 'address.country', label: 'Country' },
  { path: 'description', label: 'Description', kind: 'textarea' },
];

const ALL_FIELDS = [...SUMMARY, ...DETAILS];

/** What the form holds: every field as the text of its input, keyed by path. */
export type Draft = Record<string, string>;

function valueAt(lead: Partial<Lead>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value == null ? undefined : (value as Record<string, unknown>)[key]), lead);
}

export function draftOf(lead: Partial<Lead> | null): Draft {
  const draft: Draft = {};
  for (const field of ALL_FIELDS) {
    const value = lead ? valueAt(lead, field.path) : undefined;
    draft[field.path] = value === undefined || value === null ? '' : String(value);
  }
  return draft;
}

function jsonValue(field: Field, text: string): unknown {
  if (text.trim() === '') return null;
  if (field.kind === 'yes-no') return text === 'true';
  if (field.kind === 'number') return decimal(text.trim());
  return text;
}

// JSON.rawJSON (Chromium 114+, Firefox 135+) writes the digits as typed: a budget of 17 digits and 2 decimals stays exact
const rawJSON = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;

/** A decimal as typed goes as a JSON number with exactly those digits; anything else goes as typed, for the API to refuse. */
function decimal(text: string): unknown {
  if (!/^\d+(\.\d+)?$/.test(text)) return text;
  return rawJSON ? rawJSON(text) : Number(text);
}

/**
 * The request body for the draft: every filled field for a new lead; for an existing one a merge patch of only
 * what changed (a cleared field is null).
 */
export function bodyOf(draft: Draft, original: Draft | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of ALL_FIELDS) {
    const text = draft[field.path] ?? '';
    if (original ? text === original[field.path] : text.trim() === '') continue;
    const [first, second] = field.path.split('.');
    if (second) {
      body[first] = { ...((body[first] as object) ?? {}), [second]: jsonValue(field, text) };
    } else {
      body[first] = jsonValue(field, text);
    }
  }
  return body;
}

/** The violations of a problem, by field path; those of no field of the form are shown with the problem. */
export function violationsByField(violations: Violation[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const violation of violations) {
    byField[violation.field] = byField[violation.field] ? `${byField[violation.field]}; ${violation.message}` : violation.message;
  }
  return byField;
}

export function isFormField(path: string): boolean {
  return ALL_FIELDS.some((field) => field.path === path);
}
