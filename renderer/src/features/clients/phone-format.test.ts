import { describe, expect, it } from 'vitest';
import { displayPhone, displayTaxId, displayTypedPhone } from './phone-format';

describe('phones', () => {
  it('shows a stored E.164 phone grouped, anything unreadable as it is', () => {
    expect(displayPhone('+48601234567')).toBe('+48 601 234 567');
    expect(displayPhone('+48426309999')).toBe('+48 42 630 99 99');
    expect(displayPhone('+420602123456')).toBe('+420 602 123 456');
    expect(displayPhone('not a phone')).toBe('not a phone');
  });

  it('reads a typed phone in the client’s country; an invalid one stays as typed', () => {
    expect(displayTypedPhone('42 630 55 55', 'PL')).toBe('+48 42 630 55 55');
    expect(displayTypedPhone(' 602 123 456 ', 'CZ')).toBe('+420 602 123 456');
    expect(displayTypedPhone('+48517094254')).toBe('+48 517 094 254');
    expect(displayTypedPhone('123', 'PL')).toBe('123');
    expect(displayTypedPhone('42 630 55 55')).toBe('42 630 55 55');
  });
});

describe('tax ids', () => {
  it('groups a Polish NIP and leaves an IČO or anything else alone', () => {
    expect(displayTaxId('5260001246', 'PL')).toBe('526-000-12-46');
    expect(displayTaxId('25596641', 'CZ')).toBe('25596641');
    expect(displayTaxId('5260001246', 'CZ')).toBe('5260001246');
    expect(displayTaxId('526-000-12-46', 'PL')).toBe('526-000-12-46');
    expect(displayTaxId('12345', 'PL')).toBe('12345');
  });
});
