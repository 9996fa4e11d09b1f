// The words the console shows for the API's codes.

export const VIEWS = [
  { view: 'my-open', label: 'My open leads' },
  { view: 'open', label: 'Open leads' },
  { view: 'closed', label: 'Closed leads' },
  { view: 'all', label: 'All leads' },
] as const;

export const SORTS = [
  { sort: '-createdAt', label: 'Newest first' },
  { sort: 'createdAt', label: 'Oldest first' },
  { sort: '-modifiedAt', label: 'Recently changed' },
  { sort: 'lastName', label: 'Last name A–Z' },
  { sort: '-lastName', label: 'Last name Z–A' },
] as const;

/** The status reasons of open and qualified leads (SPEC §3); the disqualification reasons come from the API. */
export const OPEN_STATUS_REASONS: { code: string; label: string; active: boolean }[] = [
  { code: 'NEW', label: 'New', active: true },
  { code: 'CONTACTED', label: 'Contacted', active: true },
  { code: 'QUALIFIED', label: 'Qualified', active: true },
];

/** SPEC §3's four, offered until the server's list (which has them too) has loaded. */
export const SYSTEM_DISQUALIFY_REASONS = [
  { code: 'LOST', label: 'Lost', system: true, active: true },
  { code: 'CANNOT_CONTACT', label: 'Cannot contact', system: true, active: true },
  { code: 'NO_LONGER_INTERESTED', label: 'No longer interested', system: true, active: true },
  { code: 'CANCELED', label: 'Canceled', system: true, active: true },
];

export const STAKEHOLDER_ROLES = ['STAKEHOLDER', 'DECISION_MAKER', 'TECHNICAL_BUYER', 'ECONOMIC_BUYER', 'INFLUENCER', 'END_USER'];
export const ACTIVITY_TYPES = ['PHONE_CALL', 'EMAIL', 'TASK', 'APPOINTMENT'];
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK'];

/** `TECHNICAL_BUYER` → `Technical buyer`. */
export function humanize(code: string | null | undefined): string {
  if (!code) return '';
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `Pat Smith`: first and last name, as leads, contacts and stakeholders spell them. */
export function personName(person: { firstName?: string | null; lastName?: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** `2.4 MB`: a file's size as people read it (powers of 1024, one decimal from KB up). */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
