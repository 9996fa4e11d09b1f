import { describe, expect, it } from 'vitest';
import { bodyOf, draftOf, isFormField, violationsByField } from './leadFields';
import type { Lead } from './api';

const lead = {
  topic: 'Solar roofs',
  lastName: 'Okafor',
  companyName: 'Sunfield Ltd',
  budgetAmount: 90000,
  decisionMaker: true,
  address: { city: 'Lagos', country: null },
} as Partial<Lead>;

describe('the lead form model', () => {
  it('shows every field of a lead as text, nested address fields by their path, missing ones empty', () => {
    const draft = draftOf(lead);
    expect(draft.topic).toBe('Solar roofs');
    expect(draft['address.city']).toBe('Lagos');
    expect(draft['address.country']).toBe('');
    expect(draft.budgetAmount).toBe('90000');
    expect(draft.decisionMaker).toBe('true');
    expect(draft.email).toBe('');
  });

  it('creates a lead from the filled fields only, with numbers and yes/no as JSON values', () => {
    const draft = {
      ...draftOf(null),
      topic: 'Fleet',
      lastName: 'Nakamura',
      budgetAmount: '120000.5',
      decisionMaker: 'false',
      'address.city': 'Osaka',
    };
    expect(bodyOf(draft, null)).toEqual({
      topic: 'Fleet',
      lastName: 'Nakamura',
      budgetAmount: 120000.5,
      decisionMaker: false,
      address: { city: 'Osaka' },
    });
  });

  it('patches only what changed, a cleared field as null, one address field without the others', () => {
    const original = draftOf(lead);
    const draft = { ...original, companyName: '', jobTitle: 'COO', 'address.country': 'NG' };
    expect(bodyOf(draft, original)).toEqual({ companyName: null, jobTitle: 'COO', address: { country: 'NG' } });
    expect(bodyOf(original, original)).toEqual({});
  });

  it('sends a budget that is not a decimal as typed, so the API names the field', () => {
    expect(bodyOf({ ...draftOf(null), budgetAmount: '12k' }, null)).toEqual({ budgetAmount: '12k' });
  });

  it('puts each violation next to its field, several messages of one field together', () => {
    expect(
      violationsByField([
        { field: 'email', message: 'must be a well-formed email address' },
        { field: 'address.city', message: 'size must be between 0 and 100' },
        { field: 'email', message: 'size must be between 0 and 254' },
      ]),
    ).toEqual({
      email: 'must be a well-formed email address; size must be between 0 and 254',
      'address.city': 'size must be between 0 and 100',
    });
    expect(isFormField('address.city')).toBe(true);
    expect(isFormField('ownerId')).toBe(false);
  });
});
