// Who is signed in: a bearer token and what its claims say (name in `sub`, roles in `groups`, SPEC §8).

export interface Session {
  token: string;
  user: string;
  roles: string[];
}

const STORAGE_KEY = 'crm.console.token';

function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The session a token gives, or null when it is not a JWT. The console only reads the claims to label the user and
 * offer what their role may do; the services verify the signature on every call.
 */
export function sessionOf(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1])) as { sub?: string; upn?: string; groups?: string[] };
    return { token: token.trim(), user: claims.sub ?? claims.upn ?? 'unknown', roles: claims.groups ?? [] };
  } catch {
    return null;
  }
}

export function isAdmin(session: Session): boolean {
  return session.roles.includes('admin');
}

// sessionStorage: a token lives as long as the tab, and is not shared with other tabs or kept after the browser closes
export function restoreSession(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token ? sessionOf(token) : null;
}

export function keepSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** A dev user the local stack offers (its gateway serves /dev-tokens.json; compose and Kubernetes do not). */
export interface DevUser {
  name: string;
  role: string;
  token: string;
}

export async function devUsers(): Promise<DevUser[]> {
  try {
    const response = await fetch('/dev-tokens.json');
    if (!response.ok) return [];
    return (await response.json()) as DevUser[];
  } catch {
    return [];
  }
}
