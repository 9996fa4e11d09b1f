// Hash routes (#/leads/123): every gateway serves the console as plain static files, with no fallback rules.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'leads' }
  | { page: 'new-lead' }
  | { page: 'lead'; id: string }
  | { page: 'opportunity'; id: string }
  | { page: 'account'; id: string }
  | { page: 'contact'; id: string }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if (page === 'leads' && id === 'new') return { page: 'new-lead' };
  if (page === 'leads' && id) return { page: 'lead', id };
  if (page === 'opportunities' && id) return { page: 'opportunity', id };
  if (page === 'accounts' && id) return { page: 'account', id };
  if (page === 'contacts' && id) return { page: 'contact', id };
  if (page === 'settings') return { page: 'settings' };
  return { page: 'leads' };
}

export const href = {
  leads: '#/leads',
  newLead: '#/leads/new',
  lead: (id: string) => `#/leads/${id}`,
  opportunity: (id: string) => `#/opportunities/${id}`,
  account: (id: string) => `#/accounts/${id}`,
  contact: (id: string) => `#/contacts/${id}`,
  settings: '#/settings',
};

export function navigate(to: string): void {
  window.location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
