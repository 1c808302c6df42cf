import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone, normalizePostalCode } from './contact-data';
import { fold, foldTokens } from './text';

describe('contact data', () => {
  it('normalises Polish and Czech phones to E.164, refusing invalid ones', () => {
    expect(normalizePhone('601 234 567')).toBe('+48601234567');
    expect(normalizePhone('(22) 628-12-34')).toBe('+48226281234');
    expect(normalizePhone('+420 602 123 456')).toBe('+420602123456');
    expect(normalizePhone('602123456', 'CZ')).toBe('+420602123456');
    expect(normalizePhone('0048 601 234 567')).toBe('+48601234567');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('not a phone')).toBeNull();
  });

  it('formats postal codes per country', () => {
    expect(normalizePostalCode('00950', 'PL')).toBe('00-950');
    expect(normalizePostalCode(' 90-001 ', 'PL')).toBe('90-001');
    expect(normalizePostalCode('60200', 'CZ')).toBe('602 00');
    expect(normalizePostalCode('602 00', 'CZ')).toBe('602 00');
    expect(normalizePostalCode('602 00', 'PL')).toBeNull();
    expect(normalizePostalCode('90-001', 'CZ')).toBeNull();
  });

  it('accepts real e-mail addresses and refuses typos', () => {
    expect(normalizeEmail(' Jan.Kowalski@Sklep-Lodz.PL ')).toBe('Jan.Kowalski@sklep-lodz.pl');
    expect(normalizeEmail('řehoř@potraviny.cz')).toBe('řehoř@potraviny.cz');
    expect(normalizeEmail('jan@wp')).toBeNull();
    expect(normalizeEmail('jan kowalski@wp.pl')).toBeNull();
    expect(normalizeEmail('@wp.pl')).toBeNull();
  });

  it('folds diacritics and case, including letters that do not decompose', () => {
    expect(fold('Łódź')).toBe('lodz');
    expect(fold('Řehoř')).toBe('rehor');
    expect(fold('Świątek-Żółkiewska')).toBe('swiatek-zolkiewska');
    expect(fold('ČESKÉ BUDĚJOVICE')).toBe('ceske budejovice');
    expect(foldTokens('Sklep „Pod Lipami” – Łódź')).toEqual(['sklep', 'pod', 'lipami', 'lodz']);
  });
});
