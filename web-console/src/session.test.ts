import { describe, expect, it } from 'vitest';
import { sessionOf } from './session';

const base64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const part = (json: object) => base64Url(new TextEncoder().encode(JSON.stringify(json)));
const token = (claims: object) => `${part({ alg: 'RS256' })}.${part(claims)}.signature`;

describe('a pasted bearer token', () => {
  it('names the user by sub and lists the roles of its groups claim', () => {
    expect(sessionOf(` ${token({ sub: 'dave', groups: ['admin'] })}\n`)).toEqual({
      token: token({ sub: 'dave', groups: ['admin'] }),
      user: 'dave',
      roles: ['admin'],
    });
  });

  it('reads names outside ASCII', () => {
    expect(sessionOf(token({ sub: 'zoë', groups: [] }))?.user).toBe('zoë');
  });

  it('is refused when it is not a JWT', () => {
    expect(sessionOf('not a token')).toBeNull();
    expect(sessionOf('a.b.c')).toBeNull();
  });
});
