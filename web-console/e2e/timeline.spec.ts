import { readFileSync } from 'node:fs';
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

test('complete an open activity with its outcome, cancel another', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Activities ') });
  const alice = await api(request, 'alice');
  await alice.post(`/api/leads/${lead.id}/activities`, { type: 'PHONE_CALL', subject: 'Call about the budget' });
  await alice.post(`/api/leads/${lead.id}/activities`, { type: 'TASK', subject: 'Send the price list' });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  const timeline = page.getByRole('list', { name: 'Timeline entries', exact: true });

  await timeline.getByRole('button', { name: 'Complete Call about the budget', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Complete Call about the budget', exact: true });
  await dialog.getByLabel('Outcome', { exact: true }).fill('Budget approved');
  await dialog.getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(timeline).toContainText('Phone call Call about the budget (Completed) Budget approved');
  await expect(timeline.getByRole('button', { name: 'Complete Call about the budget', exact: true })).toHaveCount(0);

  await timeline.getByRole('button', { name: 'Cancel Send the price list', exact: true }).click();
  await expect(timeline).toContainText('Task Send the price list (Canceled)');
  await expect(timeline.getByRole('button', { name: 'Cancel Send the price list', exact: true })).toHaveCount(0);
  const states = (await alice.get(`/api/leads/${lead.id}/activities`)).items.map(
    (a: { subject: string; state: string; outcome?: string }) => [a.subject, a.state, a.outcome ?? null],
  );
  expect(states).toEqual(
    expect.arrayContaining([
      ['Call about the budget', 'COMPLETED', 'Budget approved'],
      ['Send the price list', 'CANCELED', null],
    ]),
  );
});

test('the keyboard alone completes an activity', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Keyboard activity ') });
  await (await api(request, 'alice')).post(`/api/leads/${lead.id}/activities`, { type: 'EMAIL', subject: 'Mail the contract' });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  const timeline = page.getByRole('list', { name: 'Timeline entries', exact: true });
  await timeline.getByRole('button', { name: 'Complete Mail the contract', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Complete Mail the contract', exact: true });
  await expect(dialog.getByLabel('Outcome', { exact: true })).toBeFocused();
  await page.keyboard.type('Sent');
  await page.keyboard.press('Tab'); // to "Complete"
  await expect(dialog.getByRole('button', { name: 'Complete', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(timeline).toContainText('Email Mail the contract (Completed) Sent');
});

test('add an attachment: on the timeline and among the files, downloaded with its bytes, then removed', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Attachment ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'pilot-plan.txt', mimeType: 'text/plain', buffer: Buffer.from('Week 1: install') });
  await page.getByRole('button', { name: 'Add attachment', exact: true }).click();

  const files = page.getByRole('list', { name: 'Attachments', exact: true });
  await expect(files).toContainText('pilot-plan.txt');
  // the timeline shows the file still on the lead, read from the item's `attachment` member
  const timeline = page.getByRole('list', { name: 'Timeline entries', exact: true });
  await expect(timeline.getByRole('listitem').filter({ hasText: 'pilot-plan.txt (15 bytes)' })).toContainText('Attachment');
  await screenshot(page, 'lead-attachments');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('button', { name: 'Download pilot-plan.txt', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('pilot-plan.txt');
  expect(readFileSync(await download.path()).toString()).toBe('Week 1: install');

  await files.getByRole('button', { name: 'Remove pilot-plan.txt', exact: true }).click();
  await expect(page.getByText('No files.')).toBeVisible();
  expect(await (await api(request, 'alice')).get(`/api/leads/${lead.id}/attachments`)).toEqual([]);
  // the file leaves the timeline; its removal stays there as a change of the lead
  await expect(timeline).toContainText('Attachment removed');
  await expect(timeline.getByRole('listitem').filter({ hasText: 'pilot-plan.txt (15 bytes)' })).toHaveCount(0);
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
