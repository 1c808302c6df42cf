import { describe, expect, it } from 'vitest';
import {
  CLIENT_CORRECTABLE,
  ClientInput,
  CONTACT_CORRECTABLE,
} from '../../../../../shared/contract/clients.schema';
import { ApiError } from '../../../api/regio-api';
import { fieldIssues } from '../../../app/field-errors';
import { bytesOfBase64, safeFileName } from './client-card.download';
import { card, client, contact, row } from './client-card.fixtures';
import {
  chainOf,
  clientFormValues,
  clientInputOf,
  clientPatchOf,
  collapseListIssues,
  consentHistoryOf,
  consentState,
  contactFormValues,
  contactInputOf,
  contactPatchOf,
  correctableFields,
  correctionValue,
  describeChange,
  duplicateCheckOf,
  duplicateKeyOf,
  exportFormat,
  formatAuditValue,
  historyChange,
  historyKind,
  isListField,
  listIssueIndexes,
  loadProblem,
  localValidationError,
  needsDuplicateCheck,
  parseTags,
  shownContactName,
  sortContacts,
  splitLines,
  surnameMatches,
  timelineWhen,
  zodIssues,
} from './client-card.selectors';
import type { ValueWords } from './client-card.selectors';

const words: ValueWords = {
  none: '—',
  yes: 'yes',
  no: 'no',
  granted: 'granted',
  refused: 'refused',
  channel: (c) => ({ email: 'E-mail', phone: 'Phone', sms: 'SMS' })[c] ?? c,
  country: (c) => ({ PL: 'Poland', CZ: 'Czechia' })[c] ?? c,
  name: (field, value, entity) =>
    field === 'repId' && value === 'r1'
      ? 'Jan Kowalski'
      : field === 'segmentId' && value === 'seg1'
        ? 'Grocery'
        : field === 'status' && entity === 'contacts'
          ? `contact:${value}`
          : null,
};

describe('history values', () => {
  it('read nothing as "—", lists joined, booleans as yes / no', () => {
    expect(formatAuditValue(null, 'phone', 'clients', words)).toBe('—');
    expect(formatAuditValue(undefined, 'phone', 'clients', words)).toBe('—');
    expect(formatAuditValue('', 'phone', 'clients', words)).toBe('—');
    expect(formatAuditValue([], 'tags', 'clients', words)).toBe('—');
    expect(formatAuditValue(['vip', 'chain'], 'tags', 'clients', words)).toBe('vip, chain');
    expect(formatAuditValue(['+48601234567', '+48602345678'], 'phones', 'contacts', words)).toBe(
      '+48601234567, +48602345678',
    );
    expect(formatAuditValue(true, 'erased', 'contacts', words)).toBe('yes');
    expect(formatAuditValue(false, 'erased', 'contacts', words)).toBe('no');
    expect(formatAuditValue(3, 'count', 'contacts', words)).toBe('3');
  });

  it('name ids and codes, and leave other strings as they are', () => {
    expect(formatAuditValue('r1', 'repId', 'clients', words)).toBe('Jan Kowalski');
    expect(formatAuditValue('seg1', 'segmentId', 'clients', words)).toBe('Grocery');
    expect(formatAuditValue('proposed', 'status', 'contacts', words)).toBe('contact:proposed');
    expect(formatAuditValue('r9', 'repId', 'clients', words)).toBe('r9');
    expect(formatAuditValue('Łódź', 'city', 'clients', words)).toBe('Łódź');
  });

  it('read an address and consents as a person would', () => {
    expect(
      formatAuditValue(
        { street: 'Piotrkowska 12', city: 'Łódź', postalCode: '90-001', country: 'PL' },
        'address',
        'clients',
        words,
      ),
    ).toBe('Piotrkowska 12, 90-001 Łódź, Poland');
    expect(formatAuditValue({ email: true, sms: false }, 'consents', 'contacts', words)).toBe(
      'E-mail: granted, SMS: refused',
    );
    expect(formatAuditValue({}, 'consents', 'contacts', words)).toBe('—');
    expect(formatAuditValue({ a: 1, b: null }, 'other', 'x', words)).toBe('a: 1; b: —');
  });

  it('show an update as old → new, and a consent decision as what was added', () => {
    expect(
      describeChange({ action: 'update', entity: 'clients', field: 'repId', old: null, new: 'r1' }, words),
    ).toEqual({ old: '—', new: 'Jan Kowalski' });
    const first = contact().consentHistory.slice(0, 1);
    const both = contact().consentHistory.slice(0, 2);
    expect(
      describeChange(
        { action: 'update', entity: 'contacts', field: 'consentHistory', old: first, new: both },
        words,
      ),
    ).toEqual({ old: null, new: 'E-mail: granted (signed form)' });
  });

  it('say what an entry changed: erased values, an erasure’s reason, or old → new', () => {
    const base = { entity: 'contacts', old: null, new: null };
    expect(historyChange({ ...base, action: 'update', field: 'phones', redacted: true }, words)).toEqual({
      kind: 'redacted',
    });
    expect(
      historyChange(
        { ...base, action: 'erase', field: null, details: { reason: ' Request of 3 March ' } },
        words,
      ),
    ).toEqual({ kind: 'reason', reason: 'Request of 3 March' });
    expect(historyChange({ ...base, action: 'erase', field: null }, words)).toEqual({ kind: 'none' });
    expect(historyChange({ ...base, action: 'create', field: null }, words)).toEqual({ kind: 'none' });
    expect(
      historyChange({ ...base, action: 'export', field: null, details: { format: 'pdf' } }, words),
    ).toEqual({
      kind: 'none',
    });
    expect(
      historyChange({ action: 'update', entity: 'clients', field: 'repId', old: null, new: 'r1' }, words),
    ).toEqual({ kind: 'change', old: '—', new: 'Jan Kowalski' });
  });

  it('tell the kind of an entry and the format of an export', () => {
    expect(historyKind('export')).toBe('export');
    expect(historyKind('erase')).toBe('erase');
    expect(historyKind('something')).toBe('other');
    expect(exportFormat({ format: 'pdf' })).toBe('pdf');
    expect(exportFormat({ kind: 'personal_json', count: 1 })).toBe('json');
    expect(exportFormat({ kind: 'mailing_list' })).toBeNull();
    expect(exportFormat(undefined)).toBeNull();
  });
});

describe('corrections', () => {
  it('offer exactly the fields the core accepts, per target', () => {
    expect(correctableFields('client')).toEqual(CLIENT_CORRECTABLE);
    expect(correctableFields('contact')).toEqual(CONTACT_CORRECTABLE);
    expect(isListField('phones')).toBe(true);
    expect(isListField('phone')).toBe(false);
  });

  it('start from the current value of every correctable field', () => {
    const c = client({ email: null });
    const values = Object.fromEntries(CLIENT_CORRECTABLE.map((f) => [f, correctionValue(c, f)]));
    expect(values).toEqual({
      name: c.name,
      taxId: '5260250274',
      phone: '+48601234567',
      email: '',
      'address.street': 'Piotrkowska 12',
      'address.city': 'Łódź',
      'address.postalCode': '90-001',
    });
    const p = contact({ position: '' });
    expect(Object.fromEntries(CONTACT_CORRECTABLE.map((f) => [f, correctionValue(p, f)]))).toEqual({
      firstName: 'Anna',
      surname: 'Kowalska',
      position: '',
      // The whole list, one per line: what the core reads back.
      phones: '+48601234567\n+48602345678',
      emails: 'anna@example.pl',
    });
  });
});

describe('contacts', () => {
  it('say each channel’s consent: granted, refused or not asked', () => {
    const p = contact();
    expect(consentState(p, 'email')).toBe('granted');
    expect(consentState(p, 'sms')).toBe('refused');
    expect(consentState(p, 'phone')).toBe('not_asked');
  });

  it('list one channel’s decisions newest first', () => {
    expect(consentHistoryOf(contact(), 'email').map((e) => e.source)).toEqual(['signed form', 'phone call']);
    expect(consentHistoryOf(contact(), 'phone')).toEqual([]);
  });

  it('sort confirmed, then proposed, then erased people, by surname', () => {
    const list = [
      contact({ id: 'e', surname: 'Adamska', erased: true }),
      contact({ id: 'p', surname: 'Bąk', status: 'proposed' }),
      contact({ id: 'z', surname: 'Żak' }),
      contact({ id: 'c', surname: 'Ćwik' }),
    ];
    expect(sortContacts(list, 'pl').map((c) => c.id)).toEqual(['c', 'z', 'p', 'e']);
  });

  it('name an erased person by the label, and check the surname typed to confirm an erasure', () => {
    expect(shownContactName(contact({ firstName: 'Anna', surname: 'Nowak' }), 'Erased person')).toBe(
      'Anna Nowak',
    );
    expect(shownContactName(contact({ firstName: '—', surname: '—', erased: true }), 'Erased person')).toBe(
      'Erased person',
    );
    expect(surnameMatches('  kowalska ', 'Kowalska')).toBe(true);
    expect(surnameMatches('Kowal', 'Kowalska')).toBe(false);
    expect(surnameMatches('', '')).toBe(false);
  });
});

describe('forms', () => {
  it('split lists into lines and remember where each came from', () => {
    expect(splitLines(' 601 234 567 \n\n+48 602 345 678\r\n ')).toEqual({
      values: ['601 234 567', '+48 602 345 678'],
      lines: [1, 3],
    });
    expect(parseTags('vip, ,Sieć , vip')).toEqual(['vip', 'Sieć']);
  });

  it('turn the client form into ClientFields: blanks are none, REGON only in Poland, DIČ only in Czechia', () => {
    const v = {
      ...clientFormValues(null),
      name: 'Nowy',
      city: 'Brno',
      postalCode: '602 00',
      regon: '123',
      dic: 'CZ12345678',
    };
    expect(clientInputOf({ ...v, country: 'CZ' })).toMatchObject({
      taxId: null,
      regon: null,
      dic: 'CZ12345678',
      phone: null,
      segmentId: null,
      parentId: null,
      tags: [],
      address: { city: 'Brno', postalCode: '602 00', country: 'CZ', street: '' },
    });
    expect(clientInputOf({ ...v, country: 'PL' })).toMatchObject({ regon: '123', dic: null });
  });

  it('send only what changed, the address whole', () => {
    const c = client();
    const unchanged = clientInputOf(clientFormValues(c));
    expect(clientPatchOf(c, unchanged)).toEqual({});
    const values = { ...clientFormValues(c), city: 'Pabianice', tags: 'vip, nowy' };
    expect(clientPatchOf(c, clientInputOf(values))).toEqual({
      address: { street: 'Piotrkowska 12', city: 'Pabianice', postalCode: '90-001', country: 'PL' },
      tags: ['vip', 'nowy'],
    });
  });

  it('turn the contact form into fields and a patch of what changed', () => {
    const p = contact();
    const same = contactInputOf(contactFormValues(p));
    expect(contactPatchOf(p, same.fields)).toEqual({});
    const next = contactInputOf({
      ...contactFormValues(p),
      phones: '+48601234567\n\n600 100 200',
      notes: 'x',
    });
    expect(next.lines.phones).toEqual([1, 3]);
    expect(contactPatchOf(p, next.fields)).toEqual({ phones: ['+48601234567', '600 100 200'], notes: 'x' });
  });

  it('check a client as the core will: the NIP checksum and the postal code land at their fields', () => {
    const input = clientInputOf({
      ...clientFormValues(null),
      name: 'Zły NIP',
      taxId: '5260250275',
      city: 'Łódź',
      postalCode: '90001x',
    });
    const parsed = ClientInput.safeParse(input);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const err = localValidationError(zodIssues(parsed.error));
    expect(err).toBeInstanceOf(ApiError);
    const byField = fieldIssues(err!.data);
    expect(byField.taxId?.key).toBe('validation.nip_checksum');
    expect(byField['address.postalCode']?.key).toBe('validation.postal_code_pl');
    expect(localValidationError([])).toBeNull();
  });

  it('put a list entry’s issue at the list field, keeping which entry it was', () => {
    const err = new ApiError({
      code: 'validation',
      key: 'errors.validation',
      message: 'bad',
      issues: [
        { path: ['phones', 1], key: 'validation.phone', message: 'validation.phone' },
        { path: ['emails', 0], key: 'validation.email', message: 'validation.email' },
        { path: ['surname'], key: 'validation.too_small', message: 'x', params: { minimum: 1 } },
      ],
    });
    const collapsed = collapseListIssues(err, ['phones', 'emails']);
    expect(collapsed).toBeInstanceOf(ApiError);
    expect(Object.keys(fieldIssues((collapsed as ApiError).data)).sort()).toEqual([
      'emails',
      'phones',
      'surname',
    ]);
    expect(listIssueIndexes(err, 'phones')).toEqual([1]);
    expect(listIssueIndexes(err, 'notes')).toEqual([]);
    const plain = new Error('x');
    expect(collapseListIssues(plain, ['phones'])).toBe(plain);
  });
});

describe('card', () => {
  it('tell an outlet, a parent company and a client outside any chain', () => {
    expect(chainOf(card({ parent: row(), siblings: [row({ id: 'c3' })] })).role).toBe('outlet');
    expect(chainOf(card({ siblings: [row({ id: 'c3', parentId: 'c1' })] }))).toEqual({
      role: 'parent',
      others: [row({ id: 'c3', parentId: 'c1' })],
    });
    expect(chainOf(card()).role).toBe('none');
  });

  it('tell a day from an instant on the timeline', () => {
    expect(timelineWhen({ at: '2026-11-24' })).toBe('date');
    expect(timelineWhen({ at: '2026-11-24T09:30:00.000Z' })).toBe('instant');
  });

  it('tell a missing client and one out of scope from other failures', () => {
    const e = (key: string) => new ApiError({ code: 'not_found', key, message: key });
    expect(loadProblem(e('errors.client_not_found'))).toBe('not_found');
    expect(loadProblem(e('errors.client_out_of_scope'))).toBe('out_of_scope');
    expect(loadProblem(e('errors.internal'))).toBe('other');
    expect(loadProblem(new Error('x'))).toBe('other');
  });

  it('decode an export and keep its file name safe', () => {
    expect(new TextDecoder().decode(bytesOfBase64(btoa('{"a":1}')))).toBe('{"a":1}');
    expect(safeFileName('../Anna Kowalska.pdf')).toBe('.._Anna Kowalska.pdf');
    expect(safeFileName('  ')).toBe('export');
  });
});

describe('duplicate check', () => {
  const stored = client({ phone: '+48601234567', email: 'biuro@lipa.pl', parentId: null });
  const original = duplicateKeyOf(clientFormValues(stored));

  it('depends on the name, tax ID, phone, e-mail, address and parent only, not on spaces around them', () => {
    const v = clientFormValues(stored);
    expect(duplicateKeyOf({ ...v, name: ` ${v.name} ` })).toBe(original);
    const other = { ...v, repId: 'u9', segmentId: 's9', tags: 'x', externalCode: 'E1', regon: '1' };
    expect(duplicateKeyOf(other)).toBe(original);
    for (const change of [
      { name: 'Inna nazwa' },
      { taxId: '1234563218' },
      { phone: '+48601000000' },
      { email: 'inny@lipa.pl' },
      { street: 'ul. Inna 1' },
      { postalCode: '00-001' },
      { city: 'Kraków' },
      { country: 'CZ' as const },
      { parentId: 'c9' },
    ])
      expect(duplicateKeyOf({ ...v, ...change }), JSON.stringify(change)).not.toBe(original);
  });

  it('checks new values once: not the stored values, and not again after a warning about exactly them', () => {
    const warned = duplicateKeyOf({ ...clientFormValues(stored), phone: '+48601000000' });
    // A new client: always asks.
    expect(needsDuplicateCheck(warned, { original: null, confirmed: null })).toBe(true);
    // An edit that leaves the checked values as stored does not ask.
    expect(needsDuplicateCheck(original, { original, confirmed: null })).toBe(false);
    // Changed values ask; after the warning, a second submit of the same values saves anyway.
    expect(needsDuplicateCheck(warned, { original, confirmed: null })).toBe(true);
    expect(needsDuplicateCheck(warned, { original, confirmed: warned })).toBe(false);
    // Any change after the warning asks again.
    const changed = duplicateKeyOf({ ...clientFormValues(stored), phone: '+48601000001' });
    expect(needsDuplicateCheck(changed, { original, confirmed: warned })).toBe(true);
  });

  it("send the normalized values the form would save, with the edited client's id", () => {
    const parsed = ClientInput.parse(
      clientInputOf({
        ...clientFormValues(null),
        name: 'Pod Lipą',
        taxId: '526-025-02-74',
        phone: '601 234 567',
        email: ' Biuro@Lipa.pl ',
        street: 'ul. Lipowa 1',
        postalCode: '90-001',
        city: 'Łódź',
        parentId: 'p1',
      }),
    );
    expect(duplicateCheckOf('c1', parsed)).toEqual({
      id: 'c1',
      name: 'Pod Lipą',
      taxId: '5260250274',
      phone: '+48601234567',
      email: parsed.email,
      parentId: 'p1',
      address: { street: 'ul. Lipowa 1', city: 'Łódź', postalCode: '90-001', country: 'PL' },
    });
    const bare = ClientInput.parse(
      clientInputOf({ ...clientFormValues(null), name: 'X', city: 'Łódź', postalCode: '90-001' }),
    );
    expect(duplicateCheckOf(null, bare)).toMatchObject({ id: null, taxId: null, phone: null, email: null });
  });
});
