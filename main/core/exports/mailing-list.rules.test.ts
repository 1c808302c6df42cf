import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../../../shared/contract/clients.schema';
import { cityKey, consentGrantedAt, emailConsent, firstValidEmail } from './mailing-list.rules';

// The per-contact rules of the mailing list, apart from the store.

const ev = (granted: boolean, at: string, channel: ConsentEvent['channel'] = 'email'): ConsentEvent => ({
  channel,
  granted,
  at,
  source: 'x',
  by: 'u',
});

describe('the mailing list’s rules', () => {
  it('takes the first valid address, normalised', () => {
    expect(firstValidEmail([])).toBeNull();
    expect(firstValidEmail(['jan@wp', ' nie ma ', 'x@y'])).toBeNull();
    expect(firstValidEmail(['jan@wp', ' Ola@Sklep.PL ', 'b@c.pl'])).toBe('Ola@sklep.pl');
  });

  it('tells granted, withdrawn and never-given consents apart, by the e-mail channel only', () => {
    expect(emailConsent({ consents: { email: true }, consentHistory: [] })).toBe('granted');
    expect(emailConsent({ consents: {}, consentHistory: [] })).toBe('noConsent');
    expect(
      emailConsent({
        consents: { email: false },
        consentHistory: [ev(true, '2026-01-01'), ev(false, '2026-02-01')],
      }),
    ).toBe('withdrawn');
    expect(emailConsent({ consents: { email: false }, consentHistory: [ev(false, '2026-02-01')] })).toBe(
      'noConsent',
    );
    // A phone consent granted and withdrawn says nothing about e-mail.
    expect(
      emailConsent({
        consents: { email: false, phone: false },
        consentHistory: [
          ev(true, '2026-01-01', 'phone'),
          ev(false, '2026-02-01', 'phone'),
          ev(false, '2026-02-02'),
        ],
      }),
    ).toBe('noConsent');
  });

  it('dates a consent by its latest e-mail grant', () => {
    expect(consentGrantedAt([])).toBeNull();
    expect(
      consentGrantedAt([
        ev(true, '2026-01-01T10:00:00.000Z'),
        ev(false, '2026-02-01T10:00:00.000Z'),
        ev(true, '2026-03-01T10:00:00.000Z'),
        ev(true, '2026-04-01T10:00:00.000Z', 'sms'),
      ]),
    ).toBe('2026-03-01T10:00:00.000Z');
  });

  it('compares cities trimmed and case-insensitively', () => {
    expect(cityKey('  ŁÓDŹ ')).toBe(cityKey('łódź'));
    expect(cityKey('České Budějovice')).toBe(cityKey('ČESKÉ BUDĚJOVICE'));
  });
});
