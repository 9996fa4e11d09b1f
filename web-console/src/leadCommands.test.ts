import { describe, expect, it } from 'vitest';
import { allowedCommands } from './leadCommands';
import type { Lead } from './api';

const lead = (fields: Partial<Lead>) => ({ state: 'OPEN', qualificationInProgress: false, opportunityId: null, ...fields }) as Lead;

describe('the command bar', () => {
  it('offers only Save for a new lead', () => {
    expect(allowedCommands(null)).toEqual({ save: true, qualify: false, disqualify: false, reactivate: false, delete: false });
  });

  it('offers everything but Reactivate for an open lead', () => {
    expect(allowedCommands(lead({}))).toEqual({ save: true, qualify: true, disqualify: true, reactivate: false, delete: true });
  });

  it('offers nothing that changes the lead while a qualification runs', () => {
    expect(allowedCommands(lead({ qualificationInProgress: true }))).toEqual({
      save: false,
      qualify: false,
      disqualify: false,
      reactivate: false,
      delete: false,
    });
  });

  it('does not offer Disqualify for an open lead that has an opportunity (SPEC §4)', () => {
    expect(allowedCommands(lead({ opportunityId: 'o1' })).disqualify).toBe(false);
  });

  it('offers Reactivate and Delete for closed leads, which are read-only', () => {
    for (const state of ['QUALIFIED', 'DISQUALIFIED'] as const) {
      expect(allowedCommands(lead({ state }))).toEqual({ save: false, qualify: false, disqualify: false, reactivate: true, delete: true });
    }
  });
});
