import { expect, test } from '@playwright/test';
import { api, screenshot, setCreateRecordsByDefault, signIn, unique } from './support';

test.afterEach(async ({ request }) => setCreateRecordsByDefault(request, true));

test('an admin changes "create records by default"', async ({ page, request }) => {
  await setCreateRecordsByDefault(request, true);
  await signIn(page, 'dave');
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  const createAll = page.getByRole('checkbox', { name: 'Create records by default', exact: true });
  await expect(createAll).toBeChecked();
  await createAll.uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  expect((await (await api(request, 'dave')).get('/api/settings/lead-qualification')).createRecordsByDefault).toBe(false);
  await screenshot(page, 'settings');
});

test('a salesperson has no settings', async ({ page }) => {
  await signIn(page, 'alice');
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);
});

test('an admin adds and retires a custom disqualification reason', async ({ page, request }) => {
  const code = unique('E2E_')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');
  await signIn(page, 'dave');
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Label', { exact: true }).fill(`Reason ${code}`);
  await page.getByRole('button', { name: 'Add reason', exact: true }).click();
  const row = page.getByRole('table', { name: 'Disqualification reasons', exact: true }).getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: `Retire Reason ${code}`, exact: true }).click();
  await expect(row).toContainText('Retired');
});
