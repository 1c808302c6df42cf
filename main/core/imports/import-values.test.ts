import { describe, expect, it } from 'vitest';
import {
  isMangledNumber,
  parseLocalDate,
  parseLocalNumber,
  parseStatus,
  parseYesNo,
  splitList,
} from './import-values';

describe('parseLocalDate', () => {
  it.each([
    ['31.12.2025', '2025-12-31'],
    ['1.2.2025', '2025-02-01'],
    ['01.02.2025', '2025-02-01'],
    ['31. 12. 2025', '2025-12-31'],
    ['  5. 3. 2024 ', '2024-03-05'],
    ['2025-12-31', '2025-12-31'],
    ['2025-1-5', '2025-01-05'],
    ['2025/12/31', '2025-12-31'],
    ['31/12/2025', '2025-12-31'],
    ['31-12-2025', '2025-12-31'],
    ['2025-12-31T10:15:00Z', '2025-12-31'],
    ['2025-12-31 10:15', '2025-12-31'],
    ['31.12.2025 14:30', '2025-12-31'],
    ['31.12.2025 r.', '2025-12-31'],
    ['29.02.2024', '2024-02-29'],
  ])('%j → %s', (text, expected) => {
    expect(parseLocalDate(text)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '31.02.2025',
    '29.02.2025',
    '32.01.2025',
    '00.01.2025',
    '31.13.2025',
    '31.12.25',
    '1/2/25',
    '12/31/2025',
    '2025-02-30',
    '31.12-2025',
    'wczoraj',
    '45657',
    '2025',
  ])('%j → null', (text) => {
    expect(parseLocalDate(text)).toBeNull();
  });

  it('never throws on non-strings', () => {
    expect(parseLocalDate(null)).toBeNull();
    expect(parseLocalDate(undefined)).toBeNull();
  });
});

describe('parseLocalNumber', () => {
  it.each([
    ['1234', 1234],
    ['1 234,50', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234\u202f567', 1234567],
    ['1.234,50', 1234.5],
    ['1234.5', 1234.5],
    ['1234,5', 1234.5],
    ['1,234.50', 1234.5],
    // Ambiguous: one comma is a decimal comma (PL/CZ), never thousands.
    ['1,234', 1.234],
    ['1.234', 1.234],
    ['1,234,567', 1234567],
    ['1.234.567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['-12,5', -12.5],
    ['\u221212,5', -12.5],
    ['+7', 7],
    [',5', 0.5],
    ['0', 0],
    ['  42  ', 42],
  ])('%j → %d', (text, expected) => {
    expect(parseLocalNumber(text)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    '12 34',
    '1.23.456',
    '1,23,456',
    '1,2.3,4',
    '5.',
    '12a',
    '1.234.56,7',
    '--5',
    '1e5',
    '12 %',
  ])('%j → null', (text) => {
    expect(parseLocalNumber(text)).toBeNull();
  });
});

describe('parseYesNo', () => {
  it.each([
    ['tak', true],
    ['TAK', true],
    ['Tak.', true],
    ['t', true],
    ['ano', true],
    ['Ano', true],
    ['a', true],
    ['yes', true],
    ['Y', true],
    ['1', true],
    ['x', true],
    ['X', true],
    ['true', true],
    ['TRUE', true],
    ['prawda', true],
    ['pravda', true],
    ['nie', false],
    ['NIE', false],
    ['n', false],
    ['ne', false],
    ['no', false],
    ['0', false],
    ['false', false],
    ['fałsz', false],
    ['FAŁSZ', false],
    ['nepravda', false],
    [' Ne ', false],
  ])('%j → %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });

  it.each(['', 'maybe', 'może', '2', 'tak i nie', 'ok'])('%j → null', (text) => {
    expect(parseYesNo(text)).toBeNull();
  });
});

describe('parseStatus', () => {
  it.each([
    ['aktywny', 'active'],
    ['Aktywna', 'active'],
    ['AKTYWNY', 'active'],
    ['aktivní', 'active'],
    ['Aktivni', 'active'],
    ['active', 'active'],
    ['1', 'active'],
    ['tak', 'active'],
    ['ano', 'active'],
    ['nieaktywny', 'inactive'],
    ['Nieaktywna', 'inactive'],
    ['neaktivní', 'inactive'],
    ['NEAKTIVNI', 'inactive'],
    ['inactive', 'inactive'],
    ['0', 'inactive'],
    ['nie', 'inactive'],
    ['ne', 'inactive'],
  ])('%j → %s', (text, expected) => {
    expect(parseStatus(text)).toBe(expected);
  });

  it.each(['', 'zawieszony', 'archived', '2', 'potential'])('%j → null', (text) => {
    expect(parseStatus(text)).toBeNull();
  });
});

describe('isMangledNumber', () => {
  it.each(['5,26025E+09', '4.86E+10', '4,86E+10', '1E+11', '5.26025e+09', ' 4.86E+10 ', '1,2E-05'])(
    '%j is mangled',
    (text) => {
      expect(isMangledNumber(text)).toBe(true);
    },
  );

  it.each([
    '5260250274',
    '526-025-02-74',
    '+48 601 234 567',
    'CZ12345678',
    'E+10',
    '12E',
    '',
    'Eva',
    '4.86 E',
  ])('%j is not', (text) => {
    expect(isMangledNumber(text)).toBe(false);
  });
});

describe('splitList', () => {
  it.each([
    ['vip, hurt', ['vip', 'hurt']],
    ['vip;hurt', ['vip', 'hurt']],
    ['vip | hurt|sklep', ['vip', 'hurt', 'sklep']],
    [' vip ,, ; hurt ;', ['vip', 'hurt']],
    ['jeden', ['jeden']],
    ['', []],
    [' ; , ', []],
  ])('%j → %j', (text, expected) => {
    expect(splitList(text)).toEqual(expected);
  });
});
