import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { api, createLead, openLead, screenshot, setCreateRecordsByDefault, signIn, tokenOf, unique } from './support';

const commands = (page: Page) => page.getByRole('toolbar', { name: 'Commands', exact: true });
const related = (page: Page) => page.getByRole('navigation', { name: 'Records from the qualification', exact: true });

test.afterEach(async ({ request }) => setCreateRecordsByDefault(request, true));

test('with "create all" the lead qualifies at once, showing Processing, and links to its records', async ({ page, request }) => {
  await setCreateRecordsByDefault(request, true);
  const topic = unique('Solar roofs ');
  const lead = await createLead(request, 'alice', { topic, companyName: unique('Sunfield '), budgetAmount: 90000, currency: 'EUR' });
  await (await api(request, 'alice')).post(`/api/leads/${lead.id}/notes`, { text: 'Met at the fair' });
  await signIn(page, 'alice');
  await openLead(page, lead.id);

  const processing = page.getByRole('status').filter({ hasText: 'Processing' }).waitFor();
  await commands(page).getByRole('button', { name: 'Qualify', exact: true }).click();
  await processing;
  await expect(page.getByText(/Status: Qualified/)).toBeVisible();
  for (const name of ['Account', 'Contact', 'Opportunity']) {
    await expect(related(page).getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(commands(page).getByRole('button', { name: 'Qualify', exact: true })).toHaveCount(0);
  await expect(commands(page).getByRole('button', { name: 'Reactivate', exact: true })).toBeVisible();
  // nothing stale: the timeline has the qualification too
  await expect(page.getByRole('list', { name: 'Timeline entries' })).toContainText('Qualified');
  await screenshot(page, 'lead-qualified');

  await related(page).getByRole('link', { name: 'Opportunity', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Opportunity: ${topic}`, exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Notes from the lead', exact: true })).toContainText('Met at the fair');
  await screenshot(page, 'opportunity');
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Account: Sunfield/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Opportunities', exact: true }).getByRole('link', { name: topic })).toBeVisible();
  await screenshot(page, 'account');
});

test("the opportunity lists the lead's files, each downloaded from the lead", async ({ page, request }) => {
  await setCreateRecordsByDefault(request, true);
  const topic = unique('Files ');
  const lead = await createLead(request, 'alice', { topic, companyName: unique('Fileco '), currency: 'EUR' });
  const upload = await request.post(`/api/leads/${lead.id}/attachments`, {
    headers: { Authorization: `Bearer ${await tokenOf(request, 'alice')}` },
    multipart: { file: { name: 'offer.txt', mimeType: 'text/plain', buffer: Buffer.from('The offer') } },
  });
  expect(upload.status()).toBe(201);
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await commands(page).getByRole('button', { name: 'Qualify', exact: true }).click();
  await related(page).getByRole('link', { name: 'Opportunity', exact: true }).click();
  const files = page.getByRole('list', { name: 'Attachments from the lead', exact: true });
  await expect(files).toContainText('offer.txt (text/plain, 9 bytes)');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('button', { name: 'Download offer.txt', exact: true }).click(),
  ]);
  expect(readFileSync(await download.path()).toString()).toBe('The offer');
});

test("the opportunity names the lead's stakeholders and their roles", async ({ page, request }) => {
  await setCreateRecordsByDefault(request, true);
  const alice = await api(request, 'alice');
  const lastName = unique('Buyer');
  const contact = await alice.post('/api/contacts', { firstName: 'Sam', lastName });
  const lead = await createLead(request, 'alice', { topic: unique('Stakes on opp '), companyName: unique('Stakeco '), currency: 'EUR' });
  await alice.post(`/api/leads/${lead.id}/stakeholders`, { contactId: contact.id, role: 'ECONOMIC_BUYER' });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await commands(page).getByRole('button', { name: 'Qualify', exact: true }).click();
  await related(page).getByRole('link', { name: 'Opportunity', exact: true }).click();
  const stakeholders = page.getByRole('list', { name: 'Stakeholders from the lead', exact: true });
  await expect(stakeholders).toContainText(`Sam ${lastName} as Economic buyer`);
  await stakeholders.getByRole('link', { name: `Sam ${lastName}`, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Contact: Sam ${lastName}`, exact: true })).toBeVisible();
});

test('without "create all" a dialog asks which records to create and the currency', async ({ page, request }) => {
  await setCreateRecordsByDefault(request, false);
  const lead = await createLead(request, 'alice', { topic: unique('Choose '), companyName: unique('Chooser ') });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await commands(page).getByRole('button', { name: 'Qualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Qualify lead', exact: true });
  await expect(dialog.getByRole('checkbox', { name: 'Account', exact: true })).not.toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Account', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'Contact', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'Opportunity', exact: true }).check();
  await dialog.getByLabel('Currency').selectOption('USD');
  await screenshot(page, 'qualify-dialog');
  await dialog.getByRole('button', { name: 'Qualify', exact: true }).click();
  await expect(page.getByText(/Status: Qualified/)).toBeVisible();
  const lead2 = await (await api(request, 'alice')).get(`/api/leads/${lead.id}`);
  const opportunity = await (await api(request, 'alice')).get(`/api/opportunities/${lead2.opportunityId}`);
  expect(opportunity.currency).toBe('USD');
});

/** A lead of a company that already has an account, made by qualifying another lead of it. */
async function leadWithExistingAccount(request: Parameters<typeof createLead>[0]) {
  await setCreateRecordsByDefault(request, true);
  const company = unique('Dupco ');
  const first = await createLead(request, 'alice', { topic: unique('First '), companyName: company, currency: 'EUR' });
  const done = await (
    await api(request, 'alice')
  ).post(`/api/leads/${first.id}/qualify`, { opportunityCurrency: 'EUR' }, { Prefer: 'wait=25' });
  expect(done.status).toBe('COMPLETED');
  const second = await createLead(request, 'alice', {
    topic: unique('Second '),
    companyName: `${company.toUpperCase()} Inc.`,
    currency: 'EUR',
  });
  return { existingAccountId: done.accountId as string, second };
}

test('duplicates: "Account or Contact may already exist", Continue links the existing account', async ({ page, request }) => {
  const { existingAccountId, second } = await leadWithExistingAccount(request);
  await signIn(page, 'alice');
  await openLead(page, second.id);
  await commands(page).getByRole('button', { name: 'Qualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Account or Contact may already exist', exact: true });
  await expect(dialog.getByRole('group', { name: 'Matching accounts', exact: true }).getByRole('radio').first()).toBeChecked();
  await screenshot(page, 'duplicates-dialog');
  await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByText(/Status: Qualified/)).toBeVisible();
  await expect(related(page).getByRole('link', { name: 'Account', exact: true })).toHaveAttribute(
    'href',
    `#/accounts/${existingAccountId}`,
  );
});

test('duplicates: "Ignore and save" qualifies without detection into a new account', async ({ page, request }) => {
  const { existingAccountId, second } = await leadWithExistingAccount(request);
  await signIn(page, 'alice');
  await openLead(page, second.id);
  await commands(page).getByRole('button', { name: 'Qualify', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Account or Contact may already exist', exact: true });
  await dialog.getByRole('button', { name: 'Ignore and save', exact: true }).click();
  await expect(page.getByText(/Status: Qualified/)).toBeVisible();
  const account = related(page).getByRole('link', { name: 'Account', exact: true });
  await expect(account).toHaveAttribute('href', /#\/accounts\//);
  await expect(account).not.toHaveAttribute('href', `#/accounts/${existingAccountId}`);
});

test('reactivate warns with the records the earlier qualification created', async ({ page, request }) => {
  await setCreateRecordsByDefault(request, true);
  const lead = await createLead(request, 'alice', { topic: unique('Back again '), companyName: unique('Returnco '), currency: 'EUR' });
  const done = await (
    await api(request, 'alice')
  ).post(`/api/leads/${lead.id}/qualify`, { opportunityCurrency: 'EUR' }, { Prefer: 'wait=25' });
  expect(done.status).toBe('COMPLETED');
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await commands(page).getByRole('button', { name: 'Reactivate', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Reactivate lead', exact: true });
  await expect(dialog.getByRole('note')).toContainText('Warning');
  await expect(dialog.getByRole('link', { name: 'Opportunity', exact: true })).toHaveAttribute(
    'href',
    `#/opportunities/${done.opportunityId}`,
  );
  await expect(dialog.getByRole('link', { name: 'Account', exact: true })).toHaveAttribute('href', `#/accounts/${done.accountId}`);
  await screenshot(page, 'reactivate-warning');
  await dialog.getByRole('button', { name: 'Reactivate', exact: true }).click();
  await expect(page.getByText(/Status: Open/)).toBeVisible();
  await expect(commands(page).getByRole('button', { name: 'Qualify', exact: true })).toBeVisible();
});
