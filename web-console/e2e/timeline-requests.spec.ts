import { expect, test, type Page, type Route } from '@playwright/test';
import { createLead, openLead, signIn, unique } from './support';

// What the console sends for SPEC §10 and how it shows the answers, with the server's §10 answers stubbed in the browser
// exactly as the SPEC documents them. It runs on any server; timeline.spec.ts runs the same screens against the real API.

const now = new Date().toISOString();

async function stub(page: Page, pattern: RegExp, handle: (route: Route) => Promise<void> | void) {
  await page.route((url) => pattern.test(url.pathname), handle);
}

test('the timeline shows notes, activities, attachments, stakeholder changes and history from /timeline', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Stubbed timeline ') });
  await stub(page, /\/timeline$/, (route) =>
    route.fulfill({
      json: {
        items: [
          { kind: 'ATTACHMENT', at: now, actor: 'alice', id: 'a1', fileName: 'plan.pdf', mediaType: 'application/pdf', size: 3 },
          { kind: 'ACTIVITY', at: now, actor: 'alice', type: 'PHONE_CALL', subject: 'Call the CFO', state: 'OPEN' },
          { kind: 'STAKEHOLDER', at: now, actor: 'alice', action: 'ADDED', contactId: 'c1', role: 'TECHNICAL_BUYER' },
          { kind: 'NOTE', at: now, actor: 'alice', text: 'Likes the pilot' },
          { kind: 'HISTORY', at: now, actor: 'alice', action: 'CREATED', fromState: null, toState: 'OPEN' },
        ],
        nextCursor: null,
      },
    }),
  );
  await stub(page, /\/attachments\/a1$/, (route) => route.fulfill({ body: 'pdf', contentType: 'application/pdf' }));
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  const timeline = page.getByRole('list', { name: 'Timeline entries' });
  for (const text of [
    'plan.pdf',
    'Phone call Call the CFO (Open)',
    'Added c1 as Technical buyer',
    'Likes the pilot',
    'Created new → Open',
  ]) {
    await expect(timeline).toContainText(text);
  }
  const download = page.waitForEvent('download');
  await timeline.getByRole('button', { name: 'Download plan.pdf', exact: true }).click();
  expect((await download).suggestedFilename()).toBe('plan.pdf');
});

test('adding an activity and an attachment sends what SPEC §10 documents', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Stubbed adds ') });
  const sent: { activity?: unknown; attachment?: string; contentType?: string } = {};
  await stub(page, /\/activities$/, async (route) => {
    sent.activity = route.request().postDataJSON();
    await route.fulfill({ status: 201, json: { id: 'x1', ...(sent.activity as object), state: 'OPEN' } });
  });
  await stub(page, /\/attachments$/, async (route) => {
    sent.attachment = route.request().postDataBuffer()?.toString('latin1');
    sent.contentType = route.request().headers()['content-type'];
    await route.fulfill({ status: 201, json: { id: 'a2', fileName: 'notes.txt', mediaType: 'text/plain', size: 5 } });
  });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByLabel('Activity type').selectOption({ label: 'Appointment' });
  await page.getByLabel('Subject').fill('Demo on site');
  await page.getByLabel('Start').fill('2030-05-01T10:00');
  await page.getByLabel('End').fill('2030-05-01T11:00');
  await page.getByRole('button', { name: 'Add activity', exact: true }).click();
  await expect.poll(() => sent.activity).toMatchObject({ type: 'APPOINTMENT', subject: 'Demo on site' });
  const activity = sent.activity as { startAt: string; endAt: string };
  expect(new Date(activity.endAt).getTime() - new Date(activity.startAt).getTime()).toBe(3_600_000);
  await expect(page.getByLabel('Subject')).toHaveValue('');

  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.getByRole('button', { name: 'Add attachment', exact: true }).click();
  await expect.poll(() => sent.contentType).toMatch(/^multipart\/form-data; boundary=/);
  expect(sent.attachment).toContain('name="file"; filename="notes.txt"');
  expect(sent.attachment).toContain('hello');
});

test('a stakeholder is added with its contact and role, and a problem shows its title and detail', async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Stubbed stakeholders ') });
  let posted: unknown;
  const stakeholders: object[] = [];
  await stub(page, /\/stakeholders$/, async (route) => {
    if (route.request().method() === 'POST') {
      posted = route.request().postDataJSON();
      if (stakeholders.length > 0) {
        await route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: 'the contact is already a stakeholder of this lead',
          }),
        });
        return;
      }
      stakeholders.push({
        id: 's1',
        contactId: 'c9',
        role: 'ECONOMIC_BUYER',
        firstName: 'Ines',
        lastName: 'Moreau',
        email: 'ines@example.test',
        jobTitle: 'CFO',
      });
      await route.fulfill({ status: 201, json: stakeholders[0] });
    } else {
      await route.fulfill({ json: stakeholders });
    }
  });
  await stub(page, /^\/api\/contacts$/, (route) =>
    route.fulfill({ json: { items: [{ id: 'c9', firstName: 'Ines', lastName: 'Moreau', email: 'ines@example.test' }], nextCursor: null } }),
  );
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByLabel('Find contact').fill('Moreau');
  await page.getByLabel('Find contact').press('Enter');
  await expect(page.getByLabel('Contact', { exact: true })).toHaveValue('c9');
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Economic buyer' });
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await expect.poll(() => posted).toEqual({ contactId: 'c9', role: 'ECONOMIC_BUYER' });
  const table = page.getByRole('table', { name: 'Stakeholders' });
  await expect(table.getByRole('row').filter({ hasText: 'Ines Moreau' })).toContainText('CFO');

  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Conflict' })).toContainText('the contact is already a stakeholder of this lead');
});

test("disqualify offers the organisation's active reasons and sends the chosen code", async ({ page, request }) => {
  const lead = await createLead(request, 'alice', { topic: unique('Stubbed reasons ') });
  let posted: unknown;
  await stub(page, /\/api\/settings\/disqualification-reasons$/, (route) =>
    route.fulfill({
      json: [
        { code: 'LOST', label: 'Lost', system: true, active: true },
        { code: 'BUDGET_CUT', label: 'Budget cut', system: false, active: true },
        { code: 'OLD_REASON', label: 'Old reason', system: false, active: false },
      ],
    }),
  );
  await stub(page, /\/disqualify$/, async (route) => {
    posted = route.request().postDataJSON();
    await route.continue({ postData: JSON.stringify({ reason: 'LOST' }) }); // the real server of this branch knows only the system reasons
  });
  await signIn(page, 'alice');
  await openLead(page, lead.id);
  await page.getByRole('toolbar', { name: 'Commands' }).getByRole('button', { name: 'Disqualify', exact: true }).click();
  const reason = page.getByRole('dialog', { name: 'Disqualify lead' }).getByLabel('Reason');
  await expect(reason.getByRole('option')).toHaveText(['Lost', 'Budget cut']);
  await reason.selectOption({ label: 'Budget cut' });
  await page.getByRole('dialog', { name: 'Disqualify lead' }).getByRole('button', { name: 'Disqualify', exact: true }).click();
  await expect.poll(() => posted).toEqual({ reason: 'BUDGET_CUT' });
  await expect(page.getByText(/Status: Disqualified/)).toBeVisible();
});
