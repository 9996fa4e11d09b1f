import { useEffect, useState } from 'preact/hooks';
import { devUsers, sessionOf, type DevUser, type Session } from '../session';

/** The local stack's dev users, when its gateway offers them; anywhere, a field to paste a bearer token. */
export function SignIn({ onSignIn }: { onSignIn: (session: Session) => void }) {
  const [users, setUsers] = useState<DevUser[]>([]);
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    devUsers().then(setUsers);
  }, []);

  const signInWith = (text: string) => {
    const session = sessionOf(text);
    if (session) onSignIn(session);
    else setError('That is not a bearer token (a JWT has three parts separated by dots).');
  };

  return (
    <section class="sign-in">
      <h1>Sign in to the sales console</h1>
      {users.length > 0 && (
        <fieldset>
          <legend>Development users of the local stack</legend>
          {users.map((user) => (
            <button type="button" key={user.name} onClick={() => signInWith(user.token)}>
              Sign in as {user.name} ({user.role})
            </button>
          ))}
        </fieldset>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          signInWith(token);
        }}
      >
        <label for="token">Bearer token</label>
        <textarea id="token" rows={4} value={token} onInput={(e) => setToken(e.currentTarget.value)} aria-describedby="token-error" />
        <span id="token-error" class="field-error">
          {error}
        </span>
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
