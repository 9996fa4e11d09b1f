import { expect, test } from '@playwright/test';
import { api, createLead, screenshot, signIn, tokenOf, unique } from './support';

test('alice signs in from the picker and sees who she is and her open leads', async ({ page, request }) => {
  const topic = unique('Picker ');
  await createLead(request, 'alice', { topic });
  await signIn(page, 'alice');
  await expect(page.getByText('Signed in as alice (salesperson)')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'My open leads', exact: true })).toBeVisible();
  const table = page.getByRole('table', { name: 'Leads', exact: true });
  await expect(table.getByRole('row').filter({ hasText: topic })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: topic }).getByRole('checkbox')).toBeVisible();
  await screenshot(page, 'leads-list');
});

test('a pasted bearer token signs in too', async ({ page, request }) => {
  await page.goto('/');
  await page.getByLabel('Bearer token').fill(await tokenOf(request, 'carol'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Signed in as carol (sales-manager)')).toBeVisible();
  await screenshot(page, 'sign-in-token');
});

test('views, search, sort and paging', async ({ page, request }) => {
  const company = unique('Pagingco');
  for (let i = 0; i < 27; i++) {
    await createLead(request, 'alice', { topic: `Paging ${i}`, lastName: `Zed${String(i).padStart(2, '0')}`, companyName: company });
  }
  await signIn(page, 'alice');
  await page.getByRole('button', { name: 'Open leads', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Open leads', exact: true })).toBeVisible();
  await page.getByLabel('Search leads').fill(company);
  await page.getByLabel('Search leads').press('Enter');
  await page.getByLabel('Sort by').selectOption({ label: 'Last name A–Z' });
  const rows = page.getByRole('table', { name: 'Leads', exact: true }).getByRole('row');
  await expect(rows).toHaveCount(26); // the header and a page of 25
  await expect(rows.nth(1)).toContainText('Zed00');
  await page.getByRole('button', { name: 'Next page', exact: true }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Zed25');
  await page.getByRole('button', { name: 'Previous page', exact: true }).click();
  await expect(rows.nth(1)).toContainText('Zed00');
  await page.getByRole('button', { name: 'Closed leads', exact: true }).click();
  await expect(page.getByText('No leads.')).toBeVisible();
});

test("bob cannot see alice's lead", async ({ page, request }) => {
  const topic = unique('Private ');
  const lead = await createLead(request, 'alice', { topic, companyName: topic });
  await signIn(page, 'bob');
  await page.getByRole('button', { name: 'All leads', exact: true }).click();
  await page.getByLabel('Search leads').fill(topic);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText('No leads.')).toBeVisible();
  await page.goto(`/#/leads/${lead.id}`);
  await expect(page.getByRole('alert')).toContainText('Not Found');
  await expect(page.getByRole('button', { name: 'Qualify', exact: true })).toHaveCount(0);
});

test('select 20 leads and qualify them as one job, the progress bar reaching the end', async ({ page, request }) => {
  await (await api(request, 'dave')).put('/api/settings/lead-qualification', { createRecordsByDefault: true });
  const company = unique('Bulkco');
  for (let i = 0; i < 20; i++) {
    await createLead(request, 'alice', { topic: `Bulk ${i}`, companyName: `${company} ${i}`, currency: 'EUR' });
  }
  await signIn(page, 'alice');
  await page.getByLabel('Search leads').fill(company);
  await page.getByLabel('Search leads').press('Enter');
  const rows = page.getByRole('table', { name: 'Leads', exact: true }).getByRole('row');
  await expect(rows).toHaveCount(21);
  await page.getByRole('checkbox', { name: 'Select all leads on this page', exact: true }).check();
  await expect(page.getByText('20 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Qualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Qualify 20 leads', exact: true });
  await dialog.getByLabel('Currency').selectOption('EUR');
  await dialog.getByRole('button', { name: 'Qualify', exact: true }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Progress', exact: true });
  await expect(progress).toBeVisible();
  await expect(dialog.getByText(/20 of 20 done · Completed 20 · Failed 0 · Duplicates 0 · Finished/)).toBeVisible({ timeout: 120_000 });
  await expect(progress).toHaveAttribute('value', '20');
  const outcome = dialog.getByRole('table', { name: 'Outcome per lead', exact: true });
  await expect(outcome.getByRole('row')).toHaveCount(21);
  await expect(dialog.getByText('Showing 20 of 20 results', { exact: true })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Show more results', exact: true })).toHaveCount(0); // one page of 100
  await screenshot(page, 'bulk-qualify');
  // the outcome narrowed to one status, read from the job's results endpoint
  await dialog.getByLabel('Show outcomes', { exact: true }).selectOption({ label: 'Failed' });
  await expect(dialog.getByText('Showing 0 of 0 results', { exact: true })).toBeVisible();
  await expect(outcome.getByRole('row')).toHaveCount(1);
  await dialog.getByLabel('Show outcomes', { exact: true }).selectOption({ label: 'Completed' });
  await expect(dialog.getByText('Showing 20 of 20 results', { exact: true })).toBeVisible();
  await expect(outcome.getByRole('row')).toHaveCount(21);
  await expect(outcome.getByRole('row').nth(1)).toContainText('Completed');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  // nothing stale: the qualified leads have left "My open leads"
  await expect(page.getByText('No leads.')).toBeVisible();
});

test('filter the list by status reason and by owner', async ({ page, request }) => {
  const company = unique('Filterco');
  const lost = await createLead(request, 'alice', { topic: 'Filter lost', companyName: company, lastName: 'Lostone' });
  await createLead(request, 'alice', { topic: 'Filter open', companyName: company, lastName: 'Openone' });
  await createLead(request, 'bob', { topic: 'Filter bob', companyName: company, lastName: 'Bobsone' });
  await (await api(request, 'alice')).post(`/api/leads/${lost.id}/disqualify`, { reason: 'CANNOT_CONTACT' });

  await signIn(page, 'carol'); // a sales manager sees every salesperson's leads
  await page.getByRole('button', { name: 'All leads', exact: true }).click();
  await page.getByLabel('Search leads').fill(company);
  await page.getByLabel('Search leads').press('Enter');
  const rows = page.getByRole('table', { name: 'Leads', exact: true }).getByRole('row');
  await expect(rows).toHaveCount(4);

  await page.getByLabel('Status reason', { exact: true }).selectOption({ label: 'Cannot contact' });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Lostone');

  await page.getByLabel('Status reason', { exact: true }).selectOption({ label: 'Any' });
  await page.getByLabel('Owner', { exact: true }).fill('bob');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Bobsone');
  await screenshot(page, 'leads-filtered');
});

test('a selection spans pages, and the bulk outcome names each lead', async ({ page, request }) => {
  await (await api(request, 'dave')).put('/api/settings/lead-qualification', { createRecordsByDefault: true });
  const company = unique('Spanco');
  for (let i = 0; i < 26; i++) {
    await createLead(request, 'alice', { topic: `Span ${i}`, lastName: `Span${String(i).padStart(2, '0')}`, companyName: company });
  }
  await signIn(page, 'alice');
  await page.getByLabel('Search leads').fill(company);
  await page.getByLabel('Search leads').press('Enter');
  await page.getByLabel('Sort by').selectOption({ label: 'Last name A–Z' });
  const table = page.getByRole('table', { name: 'Leads', exact: true });
  await expect(table.getByRole('row').nth(1)).toContainText('Span00');
  await table.getByRole('checkbox', { name: 'Select Span00 (Span 0)', exact: true }).check();
  await page.getByRole('button', { name: 'Next page', exact: true }).click();
  await table.getByRole('checkbox', { name: 'Select Span25 (Span 25)', exact: true }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Qualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Qualify 2 leads', exact: true });
  await dialog.getByRole('button', { name: 'Qualify', exact: true }).click();
  const outcome = dialog.getByRole('table', { name: 'Outcome per lead', exact: true });
  await expect(outcome.getByRole('row')).toHaveCount(3, { timeout: 120_000 });
  await expect(outcome.getByRole('link', { name: 'Span00 (Span 0)', exact: true })).toBeVisible();
  await expect(outcome.getByRole('link', { name: 'Span25 (Span 25)', exact: true })).toBeVisible();
});
