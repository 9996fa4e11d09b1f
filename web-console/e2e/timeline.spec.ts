import { expect, test } from '@playwright/test';
import { api, createLead, openLead, screenshot, signIn, unique } from './support';

// The console's parts for SPEC §10, against the real server.
test('add an activity; it appears on the timeline', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Timeline ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByLabel('Activity type').selectOption({ label: 'Phone call' });
  await page.getByLabel('Subject').fill('Call back about the pilot');
  await page.getByRole('button', { name: 'Add activity', exact: true }).click();
  const timeline = page.getByRole('list', { name: 'Timeline entries', exact: true });
  await expect(timeline).toContainText('Call back about the pilot');
  await screenshot(page, 'lead-timeline');
});

test('add an attachment; it appears on the timeline with its download', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Attachment ') });
  // the attachments API (issue 10) is built on a branch not yet merged: until it is, this test skips, saying so
  const status = await (await api(request, 'alice')).status(`/api/leads/${lead.id}/attachments`);
  test.skip(status === 404, 'needs the attachments API (issue 10, not merged yet)');
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  const timeline = page.getByRole('list', { name: 'Timeline entries', exact: true });
  await page
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'pilot-plan.txt', mimeType: 'text/plain', buffer: Buffer.from('Week 1: install') });
  await page.getByRole('button', { name: 'Add attachment', exact: true }).click();
  await expect(timeline).toContainText('pilot-plan.txt');
  await expect(timeline.getByRole('button', { name: 'Download pilot-plan.txt', exact: true })).toBeVisible();
});

test('add a stakeholder from a "+ New" contact, with a role', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Stakes ') });
  const lastName = unique('Stake');
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByRole('button', { name: '+ New', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New contact', exact: true });
  await dialog.getByLabel('First name').fill('Pat');
  await dialog.getByLabel('Last name').fill(lastName);
  await dialog.getByLabel('Email').fill(`${lastName.toLowerCase()}@example.test`);
  await dialog.getByRole('button', { name: 'Create contact', exact: true }).click();
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Decision maker' });
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  const table = page.getByRole('table', { name: 'Stakeholders', exact: true });
  await expect(table.getByRole('row').filter({ hasText: lastName })).toBeVisible();
  await expect(table.getByRole('combobox', { name: `Role of Pat ${lastName}`, exact: true })).toHaveValue('DECISION_MAKER');
  await screenshot(page, 'lead-stakeholders');
});

test('disqualify with a custom reason', async ({ page, request }) => {
  const code = unique('CUSTOM_')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');
  await (await api(request, 'dave')).post('/api/settings/disqualification-reasons', { code, label: `Custom ${code}` });
  const lead = await createLead(request, 'alice', { topic: unique('Custom reason ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByRole('toolbar', { name: 'Commands', exact: true }).getByRole('button', { name: 'Disqualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Disqualify lead', exact: true });
  await dialog.getByLabel('Reason').selectOption({ label: `Custom ${code}` });
  await dialog.getByRole('button', { name: 'Disqualify', exact: true }).click();
  await expect(page.getByText(/Status: Disqualified/)).toBeVisible();
  expect((await (await api(request, 'alice')).get(`/api/leads/${lead.id}`)).statusReason).toBe(code);
});
