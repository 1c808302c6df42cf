import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../../../shared/contract/commands';
import { COMMAND_NAMES } from '../../../shared/contract/commands';
import type { PublicUser, Team } from '../../../shared/contract/users.schema';
import { fixedClock } from '../../../shared/domain/dates';
import { createCore } from '../app/core';
import type { Core } from '../app/core';

// The expected rights, written by hand from PRODUCT.md §1 — deliberately NOT derived from
// permissions.ts, so that a wrong entry there fails here. Y = allowed, - = refused.
//                                    anon oper rep  mgr  admin
const EXPECTED = `
system:info                          Y    Y    Y    Y    Y
system:storeStatus                   -    Y    Y    Y    Y
office:get                           Y    Y    Y    Y    Y
office:update                        -    -    -    -    Y
setup:createOffice                   Y    Y    Y    Y    Y
setup:openDemo                       Y    Y    Y    Y    Y
auth:session                         Y    Y    Y    Y    Y
auth:signIn                          Y    Y    Y    Y    Y
auth:signOut                         Y    Y    Y    Y    Y
auth:changePassword                  -    Y    Y    Y    Y
prefs:setLanguage                    -    Y    Y    Y    Y
users:list                           -    -    -    Y    Y
users:directory                      -    Y    Y    Y    Y
users:create                         -    -    -    -    Y
users:update                         -    -    -    -    Y
users:resetPassword                  -    -    -    -    Y
teams:list                           -    Y    Y    Y    Y
teams:create                         -    -    -    -    Y
teams:update                         -    -    -    -    Y
setup:importAll                      Y    Y    Y    Y    Y
setup:incomingFiles                  Y    Y    Y    Y    Y
backups:list                         -    -    -    -    Y
backups:create                       -    -    -    -    Y
backups:preview                      -    -    -    -    Y
backups:restore                      -    -    -    -    Y
backups:exportAll                    -    -    -    -    Y
backups:delete                       -    -    -    -    Y
clients:list                         -    Y    Y    Y    Y
clients:get                          -    Y    Y    Y    Y
clients:create                       -    Y    -    -    Y
clients:update                       -    Y    -    -    Y
contacts:create                      -    Y    -    -    Y
contacts:update                      -    Y    -    -    Y
audit:history                        -    Y    Y    Y    Y
contacts:propose                     -    -    Y    Y    -
contacts:confirm                     -    Y    -    -    Y
corrections:create                   -    -    Y    Y    -
corrections:list                     -    Y    Y    Y    Y
corrections:accept                   -    Y    -    -    Y
corrections:reject                   -    Y    -    -    Y
corrections:counts                   -    Y    -    -    Y
clients:listIds                      -    Y    Y    Y    Y
clients:checkDuplicates              -    Y    -    -    Y
duplicates:scan                      -    Y    -    -    Y
duplicates:dismiss                   -    Y    -    -    Y
contacts:listProposed                -    Y    -    -    Y
clients:bulkUpdate                   -    Y    -    Y    Y
contacts:setConsent                  -    Y    -    -    Y
contacts:exportData                  -    Y    -    -    Y
contacts:erase                       -    Y    -    -    Y
merges:preview                       -    Y    -    -    Y
merges:merge                         -    Y    -    -    Y
merges:undo                          -    Y    -    -    Y
merges:list                          -    Y    Y    Y    Y
imports:upload                       -    Y    -    -    Y
imports:dryRun                       -    Y    -    -    Y
imports:commit                       -    Y    -    -    Y
imports:revert                       -    Y    -    -    Y
imports:list                         -    Y    -    -    Y
importPresets:list                   -    Y    -    -    Y
importPresets:save                   -    Y    -    -    Y
importPresets:delete                 -    Y    -    -    Y
products:list                        -    Y    Y    Y    Y
products:create                      -    -    -    -    Y
products:update                      -    -    -    -    Y
products:import                      -    -    -    -    Y
promotions:list                      -    Y    Y    Y    Y
promotions:create                    -    -    -    -    Y
promotions:update                    -    -    -    -    Y
visitStandards:list                  -    Y    Y    Y    Y
visitStandards:save                  -    -    -    -    Y
visitStandards:archive               -    -    -    -    Y
visitStandards:history               -    -    -    -    Y
visits:plan                          -    -    Y    Y    -
visits:planSeries                    -    -    Y    Y    -
visits:update                        -    -    Y    Y    -
visits:complete                      -    -    Y    Y    -
visits:cancel                        -    -    Y    Y    -
visits:get                           -    -    Y    Y    Y
visits:agenda                        -    -    Y    Y    Y
tasks:update                         -    -    Y    Y    -
attachments:add                      -    -    Y    Y    -
attachments:get                      -    Y    Y    Y    Y
home:repCounters                     -    -    Y    Y    -
calls:log                            -    -    Y    Y    -
calls:list                           -    Y    Y    Y    Y
calls:preview                        -    Y    -    -    Y
calls:import                         -    Y    -    -    Y
callPresets:list                     -    Y    -    -    Y
callPresets:save                     -    Y    -    -    Y
callPresets:delete                   -    Y    -    -    Y
calls:watchGet                       -    Y    -    -    Y
calls:watchSet                       -    Y    -    -    Y
calls:triageList                     -    Y    -    -    Y
calls:triage                         -    Y    -    -    Y
budgets:list                         -    -    Y    Y    Y
budgets:set                          -    -    -    Y    -
actions:list                         -    -    Y    Y    Y
actions:get                          -    -    Y    Y    Y
actions:create                       -    -    Y    -    -
actions:edit                         -    -    Y    -    -
actions:register                     -    -    Y    -    -
actions:cancel                       -    -    Y    -    -
actions:close                        -    -    Y    -    -
actions:recommend                    -    -    Y    -    -
actions:return                       -    -    -    Y    -
actions:reject                       -    -    -    Y    -
actions:approve                      -    -    -    Y    -
actions:settle                       -    -    -    Y    -
actions:queue                        -    -    -    Y    -
actions:settlementOrder              -    -    Y    Y    Y
home:actionAlerts                    -    -    Y    Y    -
plans:list                           -    -    Y    Y    Y
plans:set                            -    -    -    Y    -
deals:list                           -    -    Y    Y    Y
deals:get                            -    -    Y    Y    Y
deals:create                         -    -    Y    -    -
deals:edit                           -    -    Y    -    -
deals:archive                        -    -    Y    -    -
home:planCounters                    -    -    Y    Y    -
orders:upload                        -    Y    -    -    Y
orders:dryRun                        -    Y    -    -    Y
orders:commit                        -    Y    -    -    Y
orders:revert                        -    Y    -    -    Y
orders:imports                       -    Y    -    -    Y
orderPresets:list                    -    Y    -    -    Y
orderPresets:save                    -    Y    -    -    Y
orderPresets:delete                  -    Y    -    -    Y
orders:client                        -    Y    Y    Y    Y
reports:scope                        -    Y    Y    Y    Y
reports:run                          -    Y    Y    Y    Y
reports:drill                        -    Y    Y    Y    Y
exports:visitPlan                    -    -    Y    Y    Y
exports:mailingListOptions           -    Y    -    Y    Y
exports:mailingListPreview           -    Y    -    Y    Y
exports:mailingList                  -    Y    -    Y    Y
exports:report                       -    Y    Y    Y    Y
jobs:cancel                          -    Y    Y    Y    Y
dictionaries:list                    -    Y    Y    Y    Y
dictionaries:create                  -    -    -    -    Y
dictionaries:update                  -    -    -    -    Y
dictionaries:reorder                 -    -    -    -    Y
`;
const ROLES = ['anon', 'operator', 'rep', 'manager', 'admin'] as const;
type Who = (typeof ROLES)[number];
const expected = new Map<string, Record<Who, boolean>>();
for (const line of EXPECTED.trim().split('\n')) {
  const [cmd, ...cells] = line.trim().split(/\s+/);
  expected.set(cmd!, Object.fromEntries(ROLES.map((r, i) => [r, cells[i] === 'Y'])) as Record<Who, boolean>);
}

let core: Core;
let dir: string;
const ids: Record<string, string> = {};
const PASSWORDS: Record<Exclude<Who, 'anon'>, string> = {
  operator: 'op-secret-1',
  rep: 'rep-secret-1',
  manager: 'mgr-secret-1',
  admin: 'adm-secret-1',
};
const LOGINS: Record<Exclude<Who, 'anon'>, string> = {
  operator: 'olga',
  rep: 'jan',
  manager: 'marek',
  admin: 'anna',
};

async function ok<T>(sessionId: string, command: string, input: unknown): Promise<T> {
  const r = await core.dispatch(sessionId, command, input);
  if (!r.ok) throw new Error(`${command}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** A valid input for every command; typed so that a new command without a sample fails to compile. */
const SAMPLES: Record<CommandName, (who: Who) => unknown> = {
  'system:info': () => ({}),
  'system:storeStatus': () => ({}),
  'office:get': () => ({}),
  'office:update': () => ({
    office: { name: 'Biuro Łódź', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw' },
  }),
  'setup:createOffice': () => ({
    office: { name: 'X', code: 'XX', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw' },
    admin: { login: 'xadmin', displayName: 'X', password: 'xxxxxxxx' },
  }),
  'setup:openDemo': () => ({ locale: 'pl' }),
  'setup:importAll': () => ({ fileName: 'regio-export.ndjson' }),
  'setup:incomingFiles': () => ({}),
  'backups:list': () => ({}),
  'backups:create': () => ({}),
  'backups:preview': () => ({ id: ids.backup }),
  'backups:restore': () => ({ id: ids.backup }),
  'backups:exportAll': () => ({}),
  'backups:delete': () => ({ id: ids.backup }),
  'auth:session': () => ({}),
  'auth:signIn': (who) =>
    who === 'anon'
      ? { login: 'anna', password: PASSWORDS.admin }
      : { login: LOGINS[who], password: PASSWORDS[who] },
  'auth:signOut': () => ({}),
  'auth:changePassword': (who) => ({
    current: who === 'anon' ? 'whatever' : PASSWORDS[who],
    next: who === 'anon' ? 'whatever1' : PASSWORDS[who],
  }),
  'prefs:setLanguage': () => ({ language: 'cs' }),
  'users:list': () => ({}),
  'users:directory': () => ({}),
  'users:create': () => ({
    login: `new${Math.random().toString(36).slice(2, 8)}`,
    displayName: 'Nowy Handlowiec',
    role: 'rep',
    password: 'secret-123',
    repCode: 'NWY',
  }),
  'users:update': () => ({ id: ids.otherRep, displayName: 'Piotr Żółw' }),
  'users:resetPassword': () => ({ id: ids.otherRep, password: 'reset-12345' }),
  'teams:list': () => ({}),
  'teams:create': () => ({ name: 'Zespół Kraków' }),
  'teams:update': () => ({ id: ids.team, name: 'Zespół Łódź Północ' }),
  'clients:list': () => ({}),
  'clients:get': () => ({ id: ids.repClient }),
  'clients:create': () => ({
    name: 'Sklep Nowy',
    address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
  }),
  'clients:update': () => ({ id: ids.repClient, patch: { name: 'Sklep Jana – Łódź' } }),
  'contacts:create': () => ({
    clientId: ids.repClient,
    firstName: 'Zofia',
    surname: 'Dąbrowska',
    phones: ['601 234 567'],
  }),
  'contacts:update': () => ({ id: ids.contact, patch: { position: 'Kierowniczka sklepu' } }),
  'audit:history': () => ({ entityId: ids.repClient }),
  'contacts:propose': () => ({
    clientId: ids.repClient,
    firstName: 'Nowy',
    surname: 'Kontakt',
    phones: ['601 000 111'],
  }),
  'contacts:confirm': () => ({ id: ids.contact }),
  'corrections:create': () => ({
    clientId: ids.repClient,
    field: 'phone',
    proposedValue: '42 630 12 34',
    note: 'Nowy numer',
  }),
  'corrections:list': () => ({}),
  'corrections:accept': () => ({ id: ids.correctionA }),
  'corrections:reject': () => ({ id: ids.correctionB, note: 'Numer jest aktualny' }),
  'corrections:counts': () => ({}),
  'clients:listIds': () => ({}),
  'clients:checkDuplicates': () => ({ name: 'Sklep Jana', address: { city: 'Łódź', country: 'PL' } }),
  'duplicates:scan': () => ({ limit: 10 }),
  'duplicates:dismiss': () => ({ a: ids.repClient, b: ids.otherClient, note: 'Dwa różne sklepy' }),
  'contacts:listProposed': () => ({}),
  'clients:bulkUpdate': () => ({ ids: [ids.repClient], patch: { status: 'inactive' }, dryRun: true }),
  'contacts:setConsent': () => ({ id: ids.contact, channel: 'email', granted: true, source: 'formularz' }),
  'contacts:exportData': () => ({ id: ids.contact, format: 'json' }),
  'contacts:erase': () => ({ id: ids.erasable, reason: 'Wniosek z 12.03' }),
  'merges:preview': () => ({ survivorId: ids.mergeA, mergedId: ids.mergeB }),
  'merges:merge': () => ({ survivorId: ids.mergeA, mergedId: ids.mergeB, take: ['phone'] }),
  'merges:undo': () => ({ id: ids.merge }),
  'merges:list': () => ({ clientId: ids.repClient }),
  'imports:upload': () => ({
    fileName: 'klienci.csv',
    data: Buffer.from('Nazwa;Miasto;Kod pocztowy\nSklep Importowany;Łódź;90-002\n').toString('base64'),
  }),
  'imports:dryRun': () => ({ uploadId: 'no-such-upload', mapping: ['name', 'city', 'postalCode'] }),
  'imports:commit': () => ({ uploadId: 'no-such-upload', mapping: ['name', 'city', 'postalCode'] }),
  'imports:revert': () => ({ id: 'no-such-import' }),
  'imports:list': () => ({}),
  'importPresets:list': () => ({}),
  'importPresets:save': () => ({
    name: 'Plik z centrali',
    columns: [{ header: 'Nazwa', index: 0, target: 'name' }],
  }),
  'importPresets:delete': () => ({ id: 'no-such-preset' }),
  'products:list': () => ({}),
  'products:create': () => ({
    code: `P-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Woda mineralna 1,5 l',
    unit: 'zgrzewka 6 szt.',
    unitValue: 1290,
  }),
  'products:update': () => ({ id: 'no-such-product', patch: { unitValue: 1390 } }),
  'products:import': () => ({
    fileName: 'produkty.csv',
    data: Buffer.from('Kod;Nazwa;Jednostka;Cena\nW-15;Woda 1,5 l;szt.;2,49\n').toString('base64'),
  }),
  'promotions:list': () => ({}),
  'promotions:create': () => ({
    name: 'Lato z wodą',
    validFrom: '2026-06-01',
    validTo: '2026-08-31',
    segmentIds: [ids.segment],
    instructions: 'Ekspozycja przy kasie',
  }),
  'promotions:update': () => ({
    id: 'no-such-promotion',
    promotion: { name: 'Lato', validFrom: '2026-06-01', validTo: '2026-08-31' },
  }),
  'visitStandards:list': () => ({}),
  'visitStandards:save': () => ({
    standard: {
      name: 'Standard wizyty – sklep',
      segmentIds: [ids.segment],
      validFrom: '2026-01-01',
      steps: [{ key: 'shelf', title: 'Sprawdź półkę', kind: 'checklist', mandatory: true, items: ['Cena'] }],
    },
  }),
  'visitStandards:archive': () => ({ lineageId: 'no-such-standard' }),
  'visitStandards:history': () => ({ lineageId: 'no-such-standard' }),
  'visits:plan': () => ({
    clientId: ids.repClient,
    contactId: ids.contact,
    date: '2026-11-24',
    subject: 'Zamówienie',
  }),
  'visits:planSeries': () => ({
    clientId: ids.repClient,
    contactId: ids.contact,
    from: '2026-11-24',
    until: '2026-12-22',
    every: '2w',
    subject: 'Wizyta cykliczna',
  }),
  'visits:update': () => ({ id: 'no-such-visit', patch: { date: '2026-11-25' } }),
  'visits:complete': () => ({ id: 'no-such-visit', result: 'Zamówienie przyjęte' }),
  'visits:cancel': () => ({ id: 'no-such-visit', reason: 'Sklep zamknięty' }),
  'visits:get': () => ({ id: 'no-such-visit' }),
  'visits:agenda': () => ({ from: '2026-11-23', to: '2026-11-29' }),
  'tasks:update': () => ({ id: 'no-such-task', status: 'done' }),
  'attachments:add': () => ({ taskId: 'no-such-task', fileName: 'polka.jpg', data: '' }),
  'attachments:get': () => ({ id: 'no-such-attachment' }),
  'home:repCounters': () => ({}),
  'calls:log': () => ({ clientId: ids.repClient, contactId: ids.contact, statusId: ids.callStatus }),
  'calls:list': () => ({}),
  'calls:preview': () => ({
    fileName: 'polaczenia.csv',
    data: Buffer.from('2026-11-23 09:15;+48426301234;in;65\n').toString('base64'),
    headerRow: false,
  }),
  'calls:import': () => ({
    fileName: 'polaczenia.csv',
    data: Buffer.from('2026-11-23 09:15;+48426301234;in;65\n').toString('base64'),
    mapping: {
      headerRow: false,
      byIndex: { '0': 'startedAt', '1': 'number', '2': 'direction', '3': 'durationSec' },
    },
  }),
  'callPresets:list': () => ({}),
  'callPresets:save': () => ({
    name: 'Centrala',
    mapping: { headerRow: false, byIndex: { '0': 'startedAt' } },
  }),
  'callPresets:delete': () => ({ id: 'no-such-preset' }),
  'calls:watchGet': () => ({}),
  'calls:watchSet': () => ({ enabled: false, presetId: null }),
  'calls:triageList': () => ({}),
  'calls:triage': () => ({ id: 'no-such-call', action: 'wrong_number' }),
  'budgets:list': () => ({ month: '2026-11' }),
  'budgets:set': () => ({ repId: ids.rep, month: '2026-12', amount: 500_000 }),
  'actions:list': () => ({}),
  'actions:get': () => ({ id: 'no-such-action' }),
  'actions:create': () => ({ fields: { clientId: ids.repClient, title: 'Gazetka' }, register: false }),
  'actions:edit': () => ({ id: 'no-such-action', patch: { title: 'Ekspozycja' } }),
  'actions:register': () => ({ id: 'no-such-action' }),
  'actions:cancel': () => ({ id: 'no-such-action' }),
  'actions:close': () => ({ id: 'no-such-action', reasonId: 'no-such-reason', note: 'x' }),
  'actions:recommend': () => ({ id: 'no-such-action', amount: 100, justification: 'Wykonane' }),
  'actions:return': () => ({ id: 'no-such-action', note: 'Proszę o zdjęcia' }),
  'actions:reject': () => ({ id: 'no-such-action', note: 'Brak ekspozycji' }),
  'actions:approve': () => ({
    id: 'no-such-action',
    amount: 100,
    order: { kind: 'invoice', invoiceNumber: 'FV 1/11/2026', invoiceDate: '2026-11-20', netAmount: 100 },
  }),
  'actions:settle': () => ({ id: 'no-such-action', finalAmount: 100, reference: 'HQ 1' }),
  'actions:queue': () => ({}),
  'actions:settlementOrder': () => ({ id: 'no-such-action' }),
  'home:actionAlerts': () => ({}),
  'plans:list': () => ({ month: '2026-11' }),
  'plans:set': () => ({
    repId: ids.rep,
    month: '2026-12',
    targets: { contacts: 120, meetings: 40, deals: 8 },
  }),
  'deals:list': () => ({}),
  'deals:get': () => ({ id: 'no-such-deal' }),
  'deals:create': () => ({
    clientId: ids.repClient,
    title: 'Kontrakt na wodę – lato',
    closedAt: '2026-11-20',
    value: 250_000,
    outcome: 'won',
  }),
  'deals:edit': () => ({ id: 'no-such-deal', patch: { title: 'Kontrakt' } }),
  'deals:archive': () => ({ id: 'no-such-deal' }),
  'home:planCounters': () => ({}),
  'orders:upload': () => ({
    fileName: 'zamowienia.csv',
    data: Buffer.from('Klient;Data;Produkt;Ilość;Wartość\nK-1;2026-11-02;P-1;2;10,00\n').toString('base64'),
  }),
  'orders:dryRun': () => ({ uploadId: 'no-such-upload', mapping: ['clientKey', 'date', 'product'] }),
  'orders:commit': () => ({ uploadId: 'no-such-upload', mapping: ['clientKey', 'date', 'product'] }),
  'orders:revert': () => ({ id: 'no-such-import' }),
  'orders:imports': () => ({}),
  'orderPresets:list': () => ({}),
  'orderPresets:save': () => ({
    name: 'ERP',
    columns: [{ header: 'klient', index: 0, target: 'clientKey' }],
  }),
  'orderPresets:delete': () => ({ id: 'no-such-preset' }),
  'orders:client': () => ({ clientId: ids.repClient }),
  'reports:scope': () => ({}),
  // Data quality: the one kind every signed-in role may run (the operator only that one).
  'reports:run': () => ({ kind: 'dataQuality', filters: { from: '2026-11', to: '2026-11' } }),
  'reports:drill': () => ({
    kind: 'dataQuality',
    filters: { from: '2026-11', to: '2026-11' },
    rowKeys: [],
    column: 'noContact',
  }),
  'exports:visitPlan': () => ({ from: '2026-11-23', to: '2026-11-29', format: 'ics' }),
  'exports:mailingListOptions': () => ({}),
  'exports:mailingListPreview': () => ({ filter: {} }),
  'exports:mailingList': () => ({ filter: {} }),
  'exports:report': () => ({
    kind: 'dataQuality',
    filters: { from: '2026-11', to: '2026-11' },
    format: 'csv',
  }),
  'jobs:cancel': () => ({ jobId: 'no-such-job' }),
  'dictionaries:list': () => ({}),
  'dictionaries:create': () => ({
    kind: 'segment',
    code: `s${Math.random().toString(36).slice(2, 8)}`,
    labels: { pl: 'Apteka', cs: 'Lékárna', en: 'Pharmacy' },
  }),
  'dictionaries:update': () => ({ id: ids.segment, active: true }),
  'dictionaries:reorder': () => ({ kind: 'callStatus', ids: ids.callStatusOrder!.split(',') }),
};

function sessionFor(who: Who): string {
  const s = core.openSession();
  if (who !== 'anon') s.userId = ids[who]!;
  return s.id;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'regio-rights-'));
  core = await createCore({
    dataDir: dir,
    clock: fixedClock('2026-11-23T09:00:00Z'),
    history: 'eager',
    checkOutput: true,
    scryptCost: { N: 1024, r: 8, p: 1 },
    failedSignInDelayMs: 0,
  });
  const s = core.openSession();
  await ok(s.id, 'setup:createOffice', {
    office: { name: 'Biuro Łódź', code: 'LDZ', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw' },
    admin: { login: LOGINS.admin, displayName: 'Anna Nowak', password: PASSWORDS.admin },
  });
  ids.admin = core.getSession(s.id)!.userId!;
  const mk = (u: object) => ok<PublicUser>(s.id, 'users:create', u);
  ids.manager = (
    await mk({
      login: LOGINS.manager,
      displayName: 'Marek Kierownik',
      role: 'manager',
      password: PASSWORDS.manager,
    })
  ).id;
  ids.otherManager = (
    await mk({ login: 'ewa', displayName: 'Ewa Kierowniczka', role: 'manager', password: 'ewa-secret-1' })
  ).id;
  ids.team = (await ok<Team>(s.id, 'teams:create', { name: 'Zespół Północ', managerId: ids.manager })).id;
  ids.otherTeam = (
    await ok<Team>(s.id, 'teams:create', { name: 'Zespół Południe', managerId: ids.otherManager })
  ).id;
  ids.operator = (
    await mk({
      login: LOGINS.operator,
      displayName: 'Olga Operatorka',
      role: 'operator',
      password: PASSWORDS.operator,
    })
  ).id;
  ids.rep = (
    await mk({
      login: LOGINS.rep,
      displayName: 'Jan Kowalski',
      role: 'rep',
      password: PASSWORDS.rep,
      teamId: ids.team,
      repCode: 'JKO',
    })
  ).id;
  ids.otherRep = (
    await mk({
      login: 'piotr',
      displayName: 'Piotr Żółw',
      role: 'rep',
      password: 'piotr-secret',
      teamId: ids.otherTeam,
      repCode: 'PZO',
    })
  ).id;
  const dicts = await ok<Array<{ id: string; kind: string }>>(s.id, 'dictionaries:list', {});
  ids.segment = dicts.find((d) => d.kind === 'segment')!.id;
  ids.callStatus = dicts.find((d) => d.kind === 'callStatus')!.id;
  const mkClient = async (name: string, repId: string) =>
    (
      await ok<{ client: { id: string } }>(s.id, 'clients:create', {
        name,
        repId,
        address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
      })
    ).client.id;
  ids.repClient = await mkClient('Sklep Jana', ids.rep);
  ids.otherClient = await mkClient('Sklep Piotra', ids.otherRep);
  ids.noRepClient = await mkClient('Sklep bez handlowca', null as unknown as string);
  ids.contact = (
    await ok<{ id: string }>(s.id, 'contacts:create', {
      clientId: ids.repClient,
      firstName: 'Ewa',
      surname: 'Nowak',
      emails: ['ewa@sklep.pl'],
    })
  ).id;
  ids.erasable = (
    await ok<{ id: string }>(s.id, 'contacts:create', {
      clientId: ids.repClient,
      firstName: 'Zofia',
      surname: 'Wiśniewska',
      phones: ['601 234 567'],
    })
  ).id;
  const repSession = core.openSession();
  repSession.userId = ids.rep;
  ids.correctionA = (
    await ok<{ id: string }>(repSession.id, 'corrections:create', {
      clientId: ids.repClient,
      field: 'name',
      proposedValue: 'Sklep Jana Kowalskiego',
    })
  ).id;
  ids.correctionB = (
    await ok<{ id: string }>(repSession.id, 'corrections:create', {
      clientId: ids.repClient,
      field: 'phone',
      proposedValue: '42 630 00 00',
    })
  ).id;
  ids.mergeA = await mkClient('Hurtownia Łódzka', null as unknown as string);
  ids.mergeB = await mkClient('Hurtownia Lodzka', null as unknown as string);
  const c = await mkClient('Kiosk Bałucki', null as unknown as string);
  const d = await mkClient('Kiosk Balucki', null as unknown as string);
  ids.merge = (
    await ok<{ merge: { id: string } }>(s.id, 'merges:merge', { survivorId: c, mergedId: d })
  ).merge.id;
  ids.backup = (await ok<{ id: string }>(s.id, 'backups:create', {})).id;
  ids.callStatusOrder = dicts
    .filter((d) => d.kind === 'callStatus')
    .map((d) => d.id)
    .reverse()
    .join(',');
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rights, walked through the handler table', () => {
  it('has an expectation for every command of the contract', () => {
    expect([...expected.keys()].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  for (const command of COMMAND_NAMES) {
    for (const who of ROLES) {
      it(`${command} as ${who}`, async () => {
        const want = expected.get(command)?.[who];
        const sid = sessionFor(who);
        const seq = core.store.seq;
        const r = await core.dispatch(sid, command, SAMPLES[command](who));
        if (want) {
          // Allowed: it may still fail on the data (a second office, say), never on rights.
          if (!r.ok) expect(['forbidden', 'unauthenticated']).not.toContain(r.error.code);
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.code).toBe(who === 'anon' ? 'unauthenticated' : 'forbidden');
          expect(core.store.seq).toBe(seq);
        }
      });
    }
  }
});

describe('row scope', () => {
  const listed = async (who: Who) =>
    (await ok<{ rows: Array<{ id: string }> }>(sessionFor(who), 'clients:list', {})).rows
      .map((r) => r.id)
      .sort();

  it('a rep lists their own clients, a manager their team’s, operator and admin the whole office', async () => {
    expect(await listed('rep')).toEqual([ids.repClient]);
    expect(await listed('manager')).toEqual([ids.repClient]);
    // Archived clients (the merged one of the sample merge) are in no list.
    const everyone = [...core.store.all<{ id: string; archived?: boolean }>('clients')]
      .filter((c) => !c.archived)
      .map((c) => c.id)
      .sort();
    expect(everyone).toEqual(expect.arrayContaining([ids.repClient, ids.otherClient, ids.noRepClient]));
    expect(await listed('operator')).toEqual(everyone);
    expect(await listed('admin')).toEqual(await listed('operator'));
  });

  it('a rep cannot open, nor read the history of, a client outside their scope', async () => {
    for (const [command, input] of [
      ['clients:get', { id: ids.otherClient }],
      ['audit:history', { entityId: ids.otherClient }],
    ] as const) {
      const r = await core.dispatch(sessionFor('rep'), command, input);
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.client_out_of_scope' } });
    }
  });

  it("a manager's user list holds their own team and themself, not another team", async () => {
    const list = await ok<PublicUser[]>(sessionFor('manager'), 'users:list', {});
    const got = list.map((u) => u.id).sort();
    expect(got).toEqual([ids.manager!, ids.rep!].sort());
  });

  it("the admin's user list holds everyone", async () => {
    const list = await ok<PublicUser[]>(sessionFor('admin'), 'users:list', {});
    expect(list.length).toBeGreaterThanOrEqual(6);
    expect(list.every((u) => !('passwordHash' in u))).toBe(true);
  });

  it('the head of the office (an office-wide manager) sees every team', async () => {
    const s = core.openSession();
    s.userId = ids.admin!;
    await ok(s.id, 'users:update', { id: ids.otherManager, officeWide: true });
    const h = core.openSession();
    h.userId = ids.otherManager!;
    const list = await ok<PublicUser[]>(h.id, 'users:list', {});
    expect(list.map((u) => u.id)).toEqual(expect.arrayContaining([ids.rep, ids.otherRep, ids.operator]));
    await ok(s.id, 'users:update', { id: ids.otherManager, officeWide: false });
  });
});
