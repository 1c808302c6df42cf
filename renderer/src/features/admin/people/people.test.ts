import { describe, expect, it } from 'vitest';
import type { PublicUser, Team } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import { ApiError } from '../../../api/regio-api';
import { activeCount, managerChoices, memberCounts, teamChoices } from './people.selectors';
import { createPeopleStore } from './people.store';

const meta = { createdAt: '', createdBy: '', updatedAt: '', updatedBy: '' };
const user = (id: string, role: PublicUser['role'], teamId: string | null, active = true): PublicUser => ({
  ...meta,
  id,
  login: id,
  displayName: id,
  role,
  teamId,
  repCode: role === 'rep' ? 'ABC' : null,
  officeWide: false,
  active,
  language: null,
});
const team = (id: string, active = true): Team => ({ ...meta, id, name: id, managerId: null, active });

const users = [
  user('m1', 'manager', null),
  user('m2', 'manager', null, false),
  user('r1', 'rep', 't1'),
  user('r2', 'rep', 't1'),
  user('r3', 'rep', 't1', false),
  user('r4', 'rep', 't2'),
];

describe('people selectors', () => {
  it('count active users and the active members of each team', () => {
    expect(activeCount(users)).toBe(4);
    expect(Object.fromEntries(memberCounts(users))).toEqual({ t1: 2, t2: 1 });
  });

  it('offer active managers and teams, plus the one already chosen', () => {
    expect(managerChoices(users).map((u) => u.id)).toEqual(['m1']);
    expect(managerChoices(users, 'm2').map((u) => u.id)).toEqual(['m1', 'm2']);
    const teams = [team('t1'), team('t2', false)];
    expect(teamChoices(teams).map((t) => t.id)).toEqual(['t1']);
    expect(teamChoices(teams, 't2').map((t) => t.id)).toEqual(['t1', 't2']);
  });
});

describe('people store', () => {
  function api() {
    let list = users.slice(0, 2);
    const fake = createFakeApi({
      'users:list': () => list,
      'teams:list': () => [team('t1')],
      'users:create': (i) => {
        const u = user(i.login, i.role, i.teamId);
        list = [...list, u];
        return u;
      },
    });
    return { fake, setList: (l: PublicUser[]) => (list = l) };
  }

  it('loads on first use only, then follows users and teams changes', async () => {
    const { fake, setList } = api();
    const store = createPeopleStore(fake);
    const stop = store.getState().connect();
    fake.emit('data:changed', { entities: ['users'], seq: 1 });
    // Nobody asked for the list yet (a rep may not): the event must not fetch it.
    expect(fake.calls.filter((c) => c.command === 'users:list')).toHaveLength(0);
    await store.getState().load();
    expect(store.getState().users.map((u) => u.id)).toEqual(['m1', 'm2']);
    setList(users);
    fake.emit('data:changed', { entities: ['dictionaries'], seq: 2 });
    expect(fake.calls.filter((c) => c.command === 'users:list')).toHaveLength(1);
    fake.emit('data:changed', { entities: ['teams'], seq: 3 });
    await expect.poll(() => store.getState().users.length).toBe(users.length);
    stop();
  });

  it('refetches after its own change, and forgets everything on reset', async () => {
    const { fake } = api();
    const store = createPeopleStore(fake);
    await store.getState().load();
    await store
      .getState()
      .createUser({ login: 'nowy', displayName: 'Nowy', role: 'operator', password: '12345678' });
    expect(store.getState().users.map((u) => u.id)).toContain('nowy');
    store.getState().reset();
    expect(store.getState()).toMatchObject({ status: 'idle', users: [], teams: [] });
  });

  it('keeps a refused create out of the list and hands the issues to the form', async () => {
    const { fake } = api();
    const store = createPeopleStore(fake);
    await store.getState().load();
    const err = await store
      .getState()
      .createUser({ login: 'x', displayName: '', role: 'rep', password: 'short' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const paths = ((err as ApiError).data.issues ?? []).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['login', 'displayName', 'password']));
    expect(store.getState().users).toHaveLength(2);
  });
});
