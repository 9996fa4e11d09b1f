import { useMemo, useState } from 'preact/hooks';
import { Api } from './api';
import { SignedInContext } from './context';
import { href, useRoute } from './route';
import { isAdmin, keepSession, restoreSession, type Session } from './session';
import { SignIn } from './views/SignIn';
import { LeadList } from './views/LeadList';
import { LeadPage } from './views/LeadPage';
import { OpportunityPage } from './views/OpportunityPage';
import { AccountPage, ContactPage } from './views/AccountPage';
import { SettingsPage } from './views/SettingsPage';

export function App() {
  const [session, setSession] = useState<Session | null>(restoreSession);
  const route = useRoute();
  const api = useMemo(() => (session ? new Api(session.token) : null), [session]);

  const signIn = (next: Session | null) => {
    keepSession(next);
    setSession(next);
  };

  if (!session || !api) {
    return (
      <main>
        <SignIn onSignIn={signIn} />
      </main>
    );
  }
  return (
    <SignedInContext.Provider value={{ api, session }}>
      <header class="top">
        <nav aria-label="Main">
          <a href={href.leads}>Leads</a>
          {isAdmin(session) && <a href={href.settings}>Settings</a>}
        </nav>
        <p class="who">
          Signed in as <strong>{session.user}</strong> ({session.roles.join(', ') || 'no role'})
          <button type="button" onClick={() => signIn(null)}>
            Sign out
          </button>
        </p>
      </header>
      <main>
        {route.page === 'leads' && <LeadList />}
        {route.page === 'new-lead' && <LeadPage key="new" id={null} />}
        {route.page === 'lead' && <LeadPage key={route.id} id={route.id} />}
        {route.page === 'opportunity' && <OpportunityPage key={route.id} id={route.id} />}
        {route.page === 'account' && <AccountPage key={route.id} id={route.id} />}
        {route.page === 'contact' && <ContactPage key={route.id} id={route.id} />}
        {route.page === 'settings' && <SettingsPage />}
      </main>
    </SignedInContext.Provider>
  );
}
