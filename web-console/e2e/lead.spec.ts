import { expect, test } from '@playwright/test';
import { api, createLead, openLead, screenshot, signIn, tokenOf, unique } from './support';

test('a new lead shows the validation message next to its field, then saves once fixed', async ({ page, request }) => {
  const topic = unique('Fleet telematics ');
  await signIn(page, 'alice');
  await page.getByRole('button', { name: 'New lead', exact: true }).click();
  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByLabel('First name', { exact: true }).fill('Yui');
  await page.getByLabel('Last name', { exact: true }).fill('Nakamura');
  await page.getByLabel('Company', { exact: true }).fill('Kaizen Logistics');
  await page.getByLabel('Email', { exact: true }).fill('not an address');
  await page.getByLabel('Budget', { exact: true }).fill('12345678901234567.89'); // 17 digits and 2 decimals, kept exact
  await page.getByLabel('Currency', { exact: true }).selectOption('EUR');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const email = page.getByLabel('Email', { exact: true });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/\S/);
  await expect(page.getByRole('alert').first()).toContainText('Bad Request');
  await expect(page.getByLabel('Topic', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'lead-validation');

  await email.fill(`${unique('yui')}@kaizen.example`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Yui Nakamura: ${topic}`, exact: true })).toBeVisible();
  await expect(page.getByText(/Status: Open/)).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  const id = page.url().split('/').pop()!;
  const stored = await request.get(`/api/leads/${id}`, { headers: { Authorization: `Bearer ${await tokenOf(request, 'alice')}` } });
  expect(await stored.text()).toContain('"budgetAmount":12345678901234567.89');
  await page.reload();
  await expect(page.getByLabel('Budget', { exact: true })).toHaveValue('12345678901234567.89');

  // the command bar of an open lead
  const commands = page.getByRole('toolbar', { name: 'Commands', exact: true });
  for (const name of ['Save', 'Qualify', 'Disqualify', 'Delete']) {
    await expect(commands.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(commands.getByRole('button', { name: 'Reactivate', exact: true })).toHaveCount(0);
  await screenshot(page, 'lead-form');
});

test("an edit is saved with the lead's version, and a note appears on the timeline", async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Edit ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByLabel('Company', { exact: true }).fill('Renamed Ltd');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  expect((await (await api(request, 'alice')).get(`/api/leads/${lead.id}`)).companyName).toBe('Renamed Ltd');

  await page.getByLabel('Note', { exact: true }).fill('Wants a pilot in Q3');
  await page.getByRole('button', { name: 'Add note', exact: true }).click();
  const timeline = page.getByRole('list', { name: 'Timeline entries', exact: true });
  await expect(timeline.getByText('Wants a pilot in Q3')).toBeVisible();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('');
});

test('the keyboard alone adds a note and opens and closes a dialog', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Keyboard ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByLabel('Note', { exact: true }).focus();
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Tab'); // to "Add note"
  await expect(page.getByRole('button', { name: 'Add note', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Timeline entries', exact: true }).getByText('Typed without a mouse')).toBeVisible();

  await page.getByRole('toolbar', { name: 'Commands', exact: true }).getByRole('button', { name: 'Disqualify', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Disqualify lead', exact: true });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Reason')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('disqualify with a system reason, then reactivate', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Lost deal ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByRole('toolbar', { name: 'Commands', exact: true }).getByRole('button', { name: 'Disqualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Disqualify lead', exact: true });
  await dialog.getByLabel('Reason').selectOption({ label: 'No longer interested' });
  await dialog.getByLabel('Note').fill('budget frozen');
  await dialog.getByRole('button', { name: 'Disqualify', exact: true }).click();
  await expect(page.getByText(/Status: Disqualified \(No longer interested\)/)).toBeVisible();
  const commands = page.getByRole('toolbar', { name: 'Commands', exact: true });
  await expect(commands.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(commands.getByRole('button', { name: 'Qualify', exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Topic', { exact: true })).toBeDisabled();

  await commands.getByRole('button', { name: 'Reactivate', exact: true }).click();
  await page.getByRole('dialog', { name: 'Reactivate lead', exact: true }).getByRole('button', { name: 'Reactivate', exact: true }).click();
  await expect(page.getByText(/Status: Open/)).toBeVisible();
});

test('delete asks first, then the lead is gone', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Delete me ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByRole('toolbar', { name: 'Commands', exact: true }).getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete lead', exact: true }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My open leads', exact: true })).toBeVisible();
  expect(await (await api(request, 'alice')).status(`/api/leads/${lead.id}`)).toBe(404);
});
