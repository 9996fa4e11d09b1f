import { useEffect, useState } from 'preact/hooks';
import type { DisqualificationReason, Lead, Page } from '../api';
import { useSignedIn } from '../context';
import { TableHead } from '../components/TableHead';
import { ProblemAlert } from '../components/ProblemAlert';
import { BulkQualify } from './BulkQualify';
import { OPEN_STATUS_REASONS, SORTS, VIEWS, formatTime, humanize, personName } from '../labels';
import { href, navigate } from '../route';

const PAGE_SIZE = 25;

/**
 * The lead list: one of the four views, a search, a sort and keyset paging. Each page is one call with the server's
 * cursor, so the millionth lead pages as fast as the first; "Previous page" replays the cursors seen so far.
 */
export function LeadList() {
  const { api } = useSignedIn();
  const [view, setView] = useState('my-open');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [owner, setOwner] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [statusReason, setStatusReason] = useState('');
  const [reasons, setReasons] = useState<DisqualificationReason[]>([]);
  const [sort, setSort] = useState<string>(SORTS[0].sort);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page<Lead> | null>(null);
  // the selected leads, kept across pages (the bulk job's outcome names them)
  const [selected, setSelected] = useState<Map<string, Lead>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [reloads, setReloads] = useState(0);

  // the disqualification reasons, retired ones included: they stay on the leads that have them (SPEC §10)
  useEffect(() => {
    api.disqualificationReasons().then(setReasons).catch(setError);
  }, [api]);

  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .listLeads({ view, q: query, statusReason, ownerId, sort, limit: PAGE_SIZE, cursor })
      .then((answer) => current && (setPage(answer), setError(null)))
      .catch((e) => current && setError(e))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, view, query, statusReason, ownerId, sort, cursor, reloads]);

  const restart = () => {
    setCursors([null]);
    setSelected(new Map());
  };
  const leads = page?.items ?? [];
  const allSelected = leads.length > 0 && leads.every((lead) => selected.has(lead.id));
  const toggle = (lead: Lead) => {
    const next = new Map(selected);
    if (next.has(lead.id)) next.delete(lead.id);
    else next.set(lead.id, lead);
    setSelected(next);
  };
  const togglePage = () => {
    const next = new Map(selected);
    for (const lead of leads) {
      if (allSelected) next.delete(lead.id);
      else next.set(lead.id, lead);
    }
    setSelected(next);
  };

  return (
    <section aria-labelledby="leads-title">
      <div class="title-bar">
        <h1 id="leads-title">{VIEWS.find((v) => v.view === view)?.label}</h1>
        <button type="button" onClick={() => navigate(href.newLead)}>
          New lead
        </button>
      </div>
      <div role="group" aria-label="Views" class="views">
        {VIEWS.map((v) => (
          <button
            type="button"
            key={v.view}
            aria-pressed={v.view === view}
            onClick={() => {
              setView(v.view);
              restart();
            }}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div class="toolbar">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(search.trim());
            setOwnerId(owner.trim());
            restart();
          }}
        >
          <label for="lead-search">Search leads</label>
          <input id="lead-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          <label for="lead-owner">Owner</label>
          <input id="lead-owner" type="search" value={owner} onInput={(e) => setOwner(e.currentTarget.value)} />
          <button type="submit">Search</button>
        </form>
        <label for="lead-status-reason">Status reason</label>
        <select
          id="lead-status-reason"
          value={statusReason}
          onChange={(e) => {
            setStatusReason(e.currentTarget.value);
            restart();
          }}
        >
          <option value="">Any</option>
          {[...OPEN_STATUS_REASONS, ...reasons].map((reason) => (
            <option key={reason.code} value={reason.code}>
              {reason.label}
              {reason.active ? '' : ' (retired)'}
            </option>
          ))}
        </select>
        <label for="lead-sort">Sort by</label>
        <select
          id="lead-sort"
          value={sort}
          onChange={(e) => {
            setSort(e.currentTarget.value);
            restart();
          }}
        >
          {SORTS.map((s) => (
            <option key={s.sort} value={s.sort}>
              {s.label}
            </option>
          ))}
        </select>
        <button type="button" disabled={selected.size === 0} onClick={() => setBulkOpen(true)}>
          Qualify
        </button>
        <span aria-live="polite">{selected.size > 0 ? `${selected.size} selected` : ''}</span>
      </div>
      <ProblemAlert error={error} />
      <table aria-label="Leads" aria-busy={loading}>
        <TableHead
          columns={[
            <input type="checkbox" aria-label="Select all leads on this page" checked={allSelected} onChange={togglePage} />,
            'Name',
            'Topic',
            'Company',
            'Email',
            'Status',
            'Owner',
            'Created',
          ]}
        />
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${personName(lead)} (${lead.topic})`}
                  checked={selected.has(lead.id)}
                  onChange={() => toggle(lead)}
                />
              </td>
              <td>
                <a href={href.lead(lead.id)}>{personName(lead)}</a>
              </td>
              <td>{lead.topic}</td>
              <td>{lead.companyName}</td>
              <td>{lead.email}</td>
              <td>
                {humanize(lead.state)} · {lead.statusReasonLabel ?? humanize(lead.statusReason)}
              </td>
              <td>{lead.ownerId}</td>
              <td>{formatTime(lead.createdAt)}</td>
            </tr>
          ))}
          {!loading && leads.length === 0 && (
            <tr>
              <td colSpan={8}>No leads.</td>
            </tr>
          )}
        </tbody>
      </table>
      <nav aria-label="Pages" class="pager">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <span>Page {cursors.length}</span>
        <button type="button" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors([...cursors, page.nextCursor])}>
          Next page
        </button>
      </nav>
      {bulkOpen && (
        <BulkQualify
          leads={[...selected.values()]}
          onClose={() => {
            setBulkOpen(false);
            setSelected(new Map());
            setReloads((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
