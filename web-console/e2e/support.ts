import { expect, type APIRequestContext, type Page } from '@playwright/test';

export type User = 'alice' | 'bob' | 'carol' | 'dave';

let tokens: Record<string, string> | null = null;

/** The dev users' tokens, from the local stack's gateway (the same list the sign-in picker shows). */
export async function tokenOf(request: APIRequestContext, user: User): Promise<string> {
  if (!tokens) {
    const response = await request.get('/dev-tokens.json');
    expect(response.ok(), 'the local stack serves /dev-tokens.json').toBeTruthy();
    const users = (await response.json()) as { name: string; token: string }[];
    tokens = Object.fromEntries(users.map((u) => [u.name, u.token]));
  }
  return tokens[user];
}

/** The REST API as a user, for what a test needs to exist before it starts, and to check what the console did. */
export async function api(request: APIRequestContext, user: User) {
  const headers = { Authorization: `Bearer ${await tokenOf(request, user)}` };
  const call = async (method: string, path: string, data?: unknown, extra: Record<string, string> = {}) => {
    const response = await request.fetch(path, { method, headers: { ...headers, ...extra }, data });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
    return response.status() === 204 ? null : response.json();
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, data?: unknown, extra?: Record<string, string>) => call('POST', path, data ?? {}, extra),
    put: (path: string, data: unknown) => call('PUT', path, data),
    status: async (path: string) => (await request.fetch(path, { headers })).status(),
  };
}

/** A name no other test run uses, so tests find their own leads among everything the stack holds. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function createLead(request: APIRequestContext, user: User, fields: Record<string, unknown>) {
  const key = unique('e');
  return (await api(request, user)).post('/api/leads', { lastName: 'Tester', email: `${key}@example.test`, ...fields });
}

export async function setCreateRecordsByDefault(request: APIRequestContext, value: boolean) {
  await (await api(request, 'dave')).put('/api/settings/lead-qualification', { createRecordsByDefault: value });
}

export async function signIn(page: Page, user: User) {
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(`^Sign in as ${user} `) }).click();
  await expect(page.getByText(`Signed in as ${user}`)).toBeVisible();
}

export async function openLead(page: Page, id: string) {
  await page.goto(`/#/leads/${id}`);
  await expect(page.getByRole('toolbar', { name: 'Commands' })).toBeVisible();
}

/** A screenshot of a main screen, for a person to look at after the run (target/ is not committed). */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `target/screenshots/${name}.png`, fullPage: true });
}
