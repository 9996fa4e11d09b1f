import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './route';

describe('hash routes', () => {
  it('reads every page the console links to', () => {
    expect(parseRoute(href.leads)).toEqual({ page: 'leads' });
    expect(parseRoute(href.newLead)).toEqual({ page: 'new-lead' });
    expect(parseRoute(href.lead('l1'))).toEqual({ page: 'lead', id: 'l1' });
    expect(parseRoute(href.opportunity('o1'))).toEqual({ page: 'opportunity', id: 'o1' });
    expect(parseRoute(href.account('a1'))).toEqual({ page: 'account', id: 'a1' });
    expect(parseRoute(href.contact('c1'))).toEqual({ page: 'contact', id: 'c1' });
    expect(parseRoute(href.settings)).toEqual({ page: 'settings' });
  });

  it('shows the lead list for an empty or unknown address', () => {
    expect(parseRoute('')).toEqual({ page: 'leads' });
    expect(parseRoute('#/nowhere/1')).toEqual({ page: 'leads' });
  });
});
