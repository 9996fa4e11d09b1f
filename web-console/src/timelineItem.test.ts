import { describe, expect, it } from 'vitest';
import { flatItem } from './api';
import { formatSize } from './labels';

describe('flatItem', () => {
  const at = '2026-11-26T12:00:00Z';

  it('reads an attachment item from its `attachment` member', () => {
    const item = flatItem({
      kind: 'ATTACHMENT',
      at,
      actor: 'alice',
      attachment: { id: 'a1', fileName: 'plan.txt', size: 15 },
      change: null,
    });
    expect(item).toEqual({ kind: 'ATTACHMENT', at, actor: 'alice', id: 'a1', fileName: 'plan.txt', size: 15 });
  });

  it('takes nothing from a member its kind does not name', () => {
    const item = flatItem({ kind: 'ATTACHMENT', at, actor: 'alice', change: { action: 'ATTACHMENT_ADDED', details: 'plan.txt' } });
    expect(item).toEqual({ kind: 'ATTACHMENT', at, actor: 'alice' });
  });

  it('reads notes, activities and changes from theirs', () => {
    expect(flatItem({ kind: 'NOTE', at, actor: 'bob', note: { text: 'hi' } }).text).toBe('hi');
    expect(flatItem({ kind: 'ACTIVITY', at, actor: 'bob', activity: { state: 'OPEN' } }).state).toBe('OPEN');
    expect(flatItem({ kind: 'STAKEHOLDER', at, actor: 'bob', change: { action: 'STAKEHOLDER_ADDED' } }).action).toBe('STAKEHOLDER_ADDED');
    expect(flatItem({ kind: 'HISTORY', at, actor: 'bob', change: { action: 'CREATED' } }).action).toBe('CREATED');
  });

  it('keeps kind, at and actor of the item over a member field of the same name', () => {
    expect(flatItem({ kind: 'HISTORY', at, actor: 'bob', change: { at: 'other', actor: 'eve', action: 'UPDATED' } })).toEqual({
      kind: 'HISTORY',
      at,
      actor: 'bob',
      action: 'UPDATED',
    });
  });
});

describe('formatSize', () => {
  it('counts bytes up to 1023, then KB and MB with one decimal', () => {
    expect(formatSize(15)).toBe('15 bytes');
    expect(formatSize(1023)).toBe('1023 bytes');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(25 * 1024 * 1024)).toBe('25.0 MB');
  });
});
