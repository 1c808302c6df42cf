import { AppError } from '../../../shared/contract/errors';
import type { Locale } from '../../../shared/contract/office.schema';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import type { HandlerContext } from '../app/handler-context';
import { createOffice } from '../auth/auth.service';
import { buildDemoActions } from './demo-actions.builder';
import { buildDemoClients } from './demo-clients.builder';
import { buildDemoOrders } from './demo-orders.builder';
import { buildDemoPlans } from './demo-plans.builder';
import { planDemoClients } from './demo-clients.plan';
import { buildDemoVisits } from './demo-visits.builder';
import { DEMO_LOGINS } from './demo-logins';

// The demo office is built through the core's own commands, with their rights checks, as the
// people who would make each record: so it always obeys the rules, and each later issue extends
// it by adding the records its commands make.

const EXTRA_REPS: Array<{ login: string; displayName: string; repCode: string }> = [
  { login: 'rep.zofia', displayName: 'Zofia Dąbrowska', repCode: 'ZDA' },
  { login: 'rep.lukasz', displayName: 'Łukasz Wróbel', repCode: 'LWR' },
  { login: 'rep.jiri', displayName: 'Jiří Dvořák', repCode: 'JDV' },
  { login: 'rep.kvetoslava', displayName: 'Květoslava Černá', repCode: 'KCE' },
  { login: 'rep.grzegorz', displayName: 'Grzegorz Brzęczyszczykiewicz', repCode: 'GBR' },
  { login: 'rep.malgorzata', displayName: 'Małgorzata Świątek-Żółkiewska', repCode: 'MSZ' },
];

/**
 * `scale`: S is one office (PRODUCT.md §9: 3 000 clients); L is the load-test size of the client
 * base (50 000 clients). Both have the same people and about the same month of visits and calls
 * (issue 6), and the same budgets and local actions (issue 7).
 */
export async function buildDemoOffice(
  ctx: HandlerContext,
  opts: { locale: Locale; scale: 'S' | 'L' },
): Promise<void> {
  const cs = opts.locale === 'cs';
  const login = (l: string) => DEMO_LOGINS.find((d) => d.login === l)!;
  const admin = login('admin');
  await createOffice(
    ctx,
    cs
      ? {
          name: 'Regio Demo – Obchodní kancelář Brno',
          code: 'DEMO',
          currency: 'CZK',
          locale: 'cs',
          timeZone: 'Europe/Prague',
          demo: true,
        }
      : {
          name: 'Regio Demo – Biuro Regionalne Łódź',
          code: 'DEMO',
          currency: 'PLN',
          locale: opts.locale,
          timeZone: 'Europe/Warsaw',
          demo: true,
        },
    { login: admin.login, displayName: admin.displayName, password: admin.password },
  );
  const adminId = ctx.session.userId!;
  const call = async <T>(command: string, input: unknown): Promise<T> => {
    const r = await ctx.callAs(adminId, command, input);
    if (!r.ok)
      throw new AppError(r.error.code, `demo: ${command} failed: ${r.error.message}`, {
        details: r.error.details,
      });
    return r.data as T;
  };

  const m = login('manager');
  const manager = await call<PublicUser>('users:create', {
    login: m.login,
    displayName: m.displayName,
    role: 'manager',
    password: m.password,
  });
  const head = await call<PublicUser>('users:create', {
    login: 'head',
    displayName: cs ? 'Hana Vedoucí' : 'Halina Dyrektorka',
    role: 'manager',
    password: m.password,
    officeWide: true,
  });
  const north = await call<Team>('teams:create', {
    name: cs ? 'Tým Brno-sever' : 'Zespół Łódź Północ',
    managerId: manager.id,
  });
  await call<Team>('teams:create', {
    name: cs ? 'Vedení kanceláře' : 'Kierownictwo biura',
    managerId: head.id,
  });
  // Independent of each other: created together, so their password hashes run in parallel.
  const o = login('operator');
  const r = login('rep');
  const [operator, ...reps] = await Promise.all([
    call<PublicUser>('users:create', {
      login: o.login,
      displayName: o.displayName,
      role: 'operator',
      password: o.password,
    }),
    call<PublicUser>('users:create', {
      login: r.login,
      displayName: r.displayName,
      role: 'rep',
      password: r.password,
      teamId: north.id,
      repCode: 'JKO',
    }),
    ...EXTRA_REPS.map((x) =>
      call<PublicUser>('users:create', { ...x, role: 'rep', password: r.password, teamId: north.id }),
    ),
  ]);

  // The client base: PL addresses and NIPs for a Polish (or English-speaking) office, CZ and IČOs
  // for a Czech one; the demo rep (Jan Kowalski) is the plan's first rep.
  const plan = planDemoClients({ country: cs ? 'CZ' : 'PL', scale: opts.scale, reps: reps.length });
  const built = await buildDemoClients(ctx, plan, { operatorId: operator.id, repIds: reps.map((x) => x.id) });
  // Issue 6: the catalogue, a month of visits with their tasks, and calls.
  await buildDemoVisits(
    ctx,
    plan,
    built,
    { adminId, operatorId: operator.id, repIds: reps.map((x) => x.id) },
    { locale: opts.locale, scale: opts.scale },
  );
  // Issue 7: the manager's budgets and local actions in every stage, on a clock moved to the days
  // each step happened (after the visits: it uses their catalogue and clients they left unvisited).
  await buildDemoActions(
    ctx,
    plan,
    built,
    { adminId, managerId: manager.id, repIds: reps.map((x) => x.id) },
    { locale: opts.locale },
  );
  // Issue 8: the manager's sales plans (last, this and next month) and the reps' deals, so every
  // home screen's plan counter shows progress on first open.
  await buildDemoPlans(
    ctx,
    { managerId: manager.id, repIds: reps.map((x) => x.id) },
    { locale: opts.locale },
  );
  // Issue 8: a year of the ERP's orders, imported month by month by the operator (after the actions,
  // whose periods lift the promoted products' sales: the effectiveness report has something to show).
  await buildDemoOrders(ctx, { operatorId: operator.id }, { locale: opts.locale });
  // The visitor chooses whom to be on the sign-in screen, where the demo logins are listed.
  ctx.session.userId = null;
}
