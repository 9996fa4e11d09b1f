// The console's only way to the back end: the public REST API under /api, with the signed-in user's bearer token.

/** A field at fault, as the services list them in a 400 problem (`address.city`, `budgetAmount`, ...). */
export interface Violation {
  field: string;
  message: string;
}

/** An RFC 9457 problem the API answered, thrown by every call that did not succeed. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly violations: Violation[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Address {
  street?: string | null;
  city?: string | null;
  stateOrProvince?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

export type LeadState = 'OPEN' | 'QUALIFIED' | 'DISQUALIFIED';

export interface Lead {
  id: string;
  topic: string;
  firstName?: string | null;
  lastName: string;
  jobTitle?: string | null;
  companyName?: string | null;
  email?: string | null;
  businessPhone?: string | null;
  mobilePhone?: string | null;
  website?: string | null;
  address?: Address | null;
  industry?: string | null;
  preferredContactMethod?: string | null;
  leadSource?: string | null;
  budgetAmount?: number | string | null;
  currency?: string | null;
  purchaseTimeframe?: string | null;
  purchaseProcess?: string | null;
  decisionMaker?: boolean | null;
  description?: string | null;
  ownerId: string;
  state: LeadState;
  statusReason: string;
  statusReasonLabel?: string | null;
  version: number;
  createdAt: string;
  modifiedAt: string;
  qualificationInProgress: boolean;
  accountId?: string | null;
  contactId?: string | null;
  opportunityId?: string | null;
  qualification?: Qualification | null;
}

export interface DuplicateMatch {
  id: string;
  name: string;
  companyName?: string | null;
  email?: string | null;
  ownerId?: string | null;
}

export type QualificationStatus = 'IN_PROGRESS' | 'DUPLICATES_FOUND' | 'COMPLETED' | 'FAILED';

export interface Qualification {
  id: string;
  leadId: string;
  status: QualificationStatus;
  accountId?: string | null;
  contactId?: string | null;
  opportunityId?: string | null;
  duplicates?: { accounts: DuplicateMatch[]; contacts: DuplicateMatch[] } | null;
  failureReason?: string | null;
}

export interface QualifyRequest {
  createAccount?: boolean;
  createContact?: boolean;
  createOpportunity?: boolean;
  existingAccountId?: string | null;
  existingContactId?: string | null;
  opportunityCurrency?: string | null;
  suppressDuplicateDetection?: boolean;
}

/** What became of one lead of a bulk job. */
export interface LeadResult {
  leadId: string;
  status: string;
  qualificationId?: string;
  detail?: string;
}

export interface QualifyJob {
  id: string;
  status: 'RUNNING' | 'FINISHED';
  total: number;
  completed: number;
  failed: number;
  duplicates: number;
  inProgress: number;
  pending: number;
  /** Absent when polled with `results=false` (the counts only). */
  results?: LeadResult[];
}

/** A lead's outcome a bulk job's results can be narrowed to (SPEC §6). */
export type LeadResultStatus = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'DUPLICATES_FOUND';

export interface RelatedRecords {
  accountId?: string | null;
  contactId?: string | null;
  opportunityId?: string | null;
}

export interface Note {
  id: string;
  text: string;
  author: string;
  createdAt: string;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  details?: unknown;
}

/** One item of SPEC §10's merged timeline: `kind`, `at`, `actor` and the item's own fields. */
export interface TimelineItem {
  kind: string;
  at: string;
  actor: string;
  [field: string]: unknown;
}

/** Where the server puts an item's own fields: in the member its kind names (SPEC §10's timeline). */
const MEMBER_OF_KIND: Record<string, string> = {
  NOTE: 'note',
  ACTIVITY: 'activity',
  ATTACHMENT: 'attachment',
  STAKEHOLDER: 'change',
  HISTORY: 'change',
};

/** One flat object of an item's `kind`, `at`, `actor` and the fields of the member its kind names (nothing else). */
export function flatItem(item: TimelineItem): TimelineItem {
  const member = item[MEMBER_OF_KIND[item.kind] ?? 'change'];
  const fields = member !== null && typeof member === 'object' ? (member as Record<string, unknown>) : {};
  return { ...fields, kind: item.kind, at: item.at, actor: item.actor };
}

/** An attachment's metadata as lead-service's AttachmentView shows it; the bytes are at its download path. */
export interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  note?: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

export type ActivityState = 'OPEN' | 'COMPLETED' | 'CANCELED';

/** An activity as lead-service's ActivityView shows it. */
export interface Activity {
  id: string;
  leadId: string;
  type: string;
  subject: string;
  description?: string | null;
  dueAt?: string | null;
  startAt?: string | null;
  endAt?: string | null;
  direction?: string | null;
  ownerId: string;
  state: ActivityState;
  outcome?: string | null;
  version: number;
}

/** A stakeholder as lead-service's StakeholderView shows it: the contact's current name, email and job title. */
export interface Stakeholder {
  id: string;
  leadId: string;
  contactId: string;
  role: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  jobTitle?: string | null;
  contactDeleted: boolean;
}

export interface Contact {
  id: string;
  firstName?: string | null;
  lastName: string;
  email?: string | null;
  jobTitle?: string | null;
  accountId?: string | null;
  ownerId?: string;
  originatingLeadId?: string | null;
}

export interface Account {
  id: string;
  name: string;
  website?: string | null;
  industry?: string | null;
  phone?: string | null;
  city?: string | null;
  country?: string | null;
  ownerId: string;
  originatingLeadId?: string | null;
}

export interface Opportunity {
  id: string;
  name: string;
  accountId?: string | null;
  contactId?: string | null;
  currency?: string | null;
  estimatedValue?: number | string | null;
  purchaseTimeframe?: string | null;
  purchaseProcess?: string | null;
  decisionMaker?: boolean | null;
  description?: string | null;
  stage: string;
  originatingLeadId?: string | null;
  ownerId: string;
  notes: { text: string; author: string; createdAt: string }[];
  /** The lead's files when it was qualified, each with `href`: where the lead serves its bytes. */
  attachments?: { id: string; fileName: string; mediaType: string; size: number; sha256: string; href: string }[];
  stakeholders?: { contactId: string; role: string }[];
}

/** A disqualification reason as lead-service's ReasonView shows it. */
export interface DisqualificationReason {
  code: string;
  label: string;
  system: boolean;
  active: boolean;
}

export interface QualificationSettings {
  createRecordsByDefault: boolean;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

// amounts keep every digit the API sent (17 digits and 2 decimals do not fit a JavaScript number); the reviver's
// `source` (Chromium 114+, Firefox 135+) is the number's text; elsewhere the number is used as parsed
const EXACT_NUMBERS = new Set(['budgetAmount', 'estimatedValue']);
type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;
const keepExactAmounts: Reviver = (key, value, context) => (EXACT_NUMBERS.has(key) && context?.source ? context.source : value);

async function bodyOf(response: Response): Promise<unknown> {
  return JSON.parse(await response.text(), keepExactAmounts as Parameters<typeof JSON.parse>[1]);
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return new Problem(
      response.status,
      typeof body.title === 'string' ? body.title : response.statusText || `HTTP ${response.status}`,
      typeof body.detail === 'string' ? body.detail : undefined,
      Array.isArray(body.violations) ? (body.violations as Violation[]) : [],
      body,
    );
  } catch {
    // not a problem document (a proxy's page, say): never show its raw text
    return new Problem(response.status, response.statusText || `HTTP ${response.status}`, undefined);
  }
}

/** Where lead-service serves an attachment's bytes (and deletes it). */
export function attachmentPath(leadId: string, attachmentId: string): string {
  return `/api/leads/${leadId}/attachments/${attachmentId}`;
}

/** The REST API as the signed-in user. */
export class Api {
  constructor(private readonly token: string) {}

  private async send(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
    const response = await fetch(path, {
      method,
      body: init.body,
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json, application/problem+json', ...init.headers },
    });
    if (!response.ok) throw await problemOf(response);
    return response;
  }

  private async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    });
    return (response.status === 204 ? undefined : await bodyOf(response)) as T;
  }

  listLeads(query: {
    view: string;
    q?: string;
    statusReason?: string;
    ownerId?: string;
    sort?: string;
    limit: number;
    cursor?: string | null;
  }) {
    return this.json<Page<Lead>>('GET', withQuery('/api/leads', query));
  }
  getLead(id: string) {
    return this.json<Lead>('GET', `/api/leads/${id}`);
  }
  createLead(fields: Partial<Lead>, suppressDuplicateDetection = false) {
    return this.json<Lead>(
      'POST',
      withQuery('/api/leads', { suppressDuplicateDetection: suppressDuplicateDetection ? 'true' : undefined }),
      fields,
    );
  }
  async updateLead(id: string, version: number, changes: Partial<Lead>) {
    const response = await this.send('PATCH', `/api/leads/${id}`, {
      body: JSON.stringify(changes),
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${version}"` },
    });
    return (await bodyOf(response)) as Lead;
  }
  deleteLead(id: string) {
    return this.json<void>('DELETE', `/api/leads/${id}`);
  }
  addNote(id: string, text: string) {
    return this.json<Note>('POST', `/api/leads/${id}/notes`, { text });
  }
  timeline(id: string, cursor?: string | null) {
    return this.json<Page<TimelineItem>>('GET', withQuery(`/api/leads/${id}/timeline`, { limit: 50, cursor })).then((page) => ({
      ...page,
      items: page.items.map(flatItem),
    }));
  }
  addActivity(id: string, activity: Record<string, string>) {
    return this.json<Activity>('POST', `/api/leads/${id}/activities`, activity);
  }
  /** Ends an open activity as done, with what came of it (SPEC §10); 409 when it is no longer open. */
  completeActivity(id: string, activityId: string, outcome: string) {
    return this.json<Activity>('POST', `/api/leads/${id}/activities/${activityId}/complete`, outcome ? { outcome } : undefined);
  }
  cancelActivity(id: string, activityId: string) {
    return this.json<Activity>('POST', `/api/leads/${id}/activities/${activityId}/cancel`);
  }
  attachments(id: string) {
    return this.json<Attachment[]>('GET', `/api/leads/${id}/attachments`);
  }
  async addAttachment(id: string, file: File) {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await this.send('POST', `/api/leads/${id}/attachments`, { body: form });
    return (await bodyOf(response)) as Attachment;
  }
  removeAttachment(id: string, attachmentId: string) {
    return this.json<void>('DELETE', attachmentPath(id, attachmentId));
  }
  /** A file's bytes, whatever their media type (the download answers with the stored one, a problem if it fails). */
  async download(path: string): Promise<Blob> {
    return (await this.send('GET', path, { headers: { Accept: '*/*' } })).blob();
  }
  stakeholders(id: string) {
    return this.json<Stakeholder[]>('GET', `/api/leads/${id}/stakeholders`);
  }
  addStakeholder(id: string, contactId: string, role: string) {
    return this.json<Stakeholder>('POST', `/api/leads/${id}/stakeholders`, { contactId, role });
  }
  changeStakeholderRole(id: string, stakeholderId: string, role: string) {
    return this.json<Stakeholder>('PATCH', `/api/leads/${id}/stakeholders/${stakeholderId}`, { role });
  }
  removeStakeholder(id: string, stakeholderId: string) {
    return this.json<void>('DELETE', `/api/leads/${id}/stakeholders/${stakeholderId}`);
  }
  /** Waits up to `waitSeconds` on the server for a final status (`Prefer: wait`), then answers what it has. */
  qualify(id: string, request: QualifyRequest, waitSeconds: number) {
    return this.json<Qualification>('POST', `/api/leads/${id}/qualify`, request, { Prefer: `wait=${waitSeconds}` });
  }
  qualification(id: string) {
    return this.json<Qualification>('GET', `/api/leads/${id}/qualification`);
  }
  disqualify(id: string, reason: string, note: string) {
    return this.json<Lead>('POST', `/api/leads/${id}/disqualify`, { reason, note: note || undefined });
  }
  reactivate(id: string) {
    return this.json<Lead & { relatedRecords?: RelatedRecords }>('POST', `/api/leads/${id}/reactivate`);
  }
  startQualifyJob(leadIds: string[], opportunityCurrency: string, duplicatePolicy: string) {
    return this.json<QualifyJob>('POST', '/api/leads/qualify-jobs', { leadIds, opportunityCurrency, duplicatePolicy });
  }
  /** The job's counts only: cheap to poll. */
  qualifyJobProgress(jobId: string) {
    return this.json<QualifyJob>('GET', withQuery(`/api/leads/qualify-jobs/${jobId}`, { results: 'false' }));
  }
  /** A page of the job's per-lead results in the order the leads were given, of one status or of all. */
  qualifyJobResults(jobId: string, query: { status?: LeadResultStatus | null; limit: number; cursor?: string | null }) {
    return this.json<Page<LeadResult>>('GET', withQuery(`/api/leads/qualify-jobs/${jobId}/results`, query));
  }
  qualificationSettings() {
    return this.json<QualificationSettings>('GET', '/api/settings/lead-qualification');
  }
  saveQualificationSettings(settings: QualificationSettings) {
    return this.json<QualificationSettings>('PUT', '/api/settings/lead-qualification', settings);
  }
  disqualificationReasons() {
    return this.json<DisqualificationReason[]>('GET', '/api/settings/disqualification-reasons');
  }
  addDisqualificationReason(code: string, label: string) {
    return this.json<DisqualificationReason>('POST', '/api/settings/disqualification-reasons', { code, label });
  }
  retireDisqualificationReason(code: string) {
    return this.json<DisqualificationReason>('PATCH', `/api/settings/disqualification-reasons/${code}`, { active: false });
  }
  findContacts(q: string) {
    return this.json<Page<Contact>>('GET', withQuery('/api/contacts', { q, limit: 10 })).then((page) => page.items);
  }
  createContact(contact: Partial<Contact>) {
    return this.json<Contact>('POST', '/api/contacts', contact);
  }
  contact(id: string) {
    return this.json<Contact>('GET', `/api/contacts/${id}`);
  }
  findAccounts(q: string) {
    return this.json<Page<Account>>('GET', withQuery('/api/accounts', { q, limit: 10 })).then((page) => page.items);
  }
  account(id: string) {
    return this.json<Account>('GET', `/api/accounts/${id}`);
  }
  opportunity(id: string) {
    return this.json<Opportunity>('GET', `/api/opportunities/${id}`);
  }
  opportunitiesOfAccount(accountId: string) {
    return this.json<Page<Opportunity>>('GET', withQuery('/api/opportunities', { accountId, limit: 50 })).then((page) => page.items);
  }
}
