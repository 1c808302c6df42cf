import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../../../shared/contract/clients.schema';
import type { Role } from '../../../../shared/contract/users.schema';
import { createFakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import { createSessionStore } from '../auth/session.store';
import { frozen, services, user } from './plans.fixtures';
import { RecordDealButton } from './RecordDealButton';

// "Record a deal" on the client card: only for the client's own rep, only for an active client.

function render(role: Role, client: Pick<Client, 'id' | 'name' | 'address' | 'repId' | 'status'>) {
  const api = createFakeApi();
  const svc = services(api, 'pl');
  const session = createSessionStore(api);
  session.setState({
    session: { user: user(role), firstRun: false, demoLogins: null, officeName: 'Kraków', locale: 'pl' },
  });
  (svc.stores as unknown as Record<string, unknown>).session = frozen(session);
  return renderToStaticMarkup(
    <I18nextProvider i18n={svc.i18n}>
      <AppServicesContext value={svc}>
        <RecordDealButton client={client} />
      </AppServicesContext>
    </I18nextProvider>,
  );
}

const client = {
  id: 'c1',
  name: 'Żółta Łódź',
  address: { city: 'Kraków' } as Client['address'],
  repId: 'rep-1',
  status: 'active' as const,
};

describe('record deal button', () => {
  it('shows for the client’s own rep', () => {
    expect(render('rep', client)).toContain('data-testid="card-record-deal"');
    expect(render('rep', client)).toContain('Zapisz transakcję');
  });

  it('hides for another rep, an inactive client and a manager', () => {
    expect(render('rep', { ...client, repId: 'rep-2' })).toBe('');
    expect(render('rep', { ...client, status: 'inactive' })).toBe('');
    expect(render('manager', client)).toBe('');
  });
});
