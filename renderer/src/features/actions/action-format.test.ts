import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../../../../shared/contract/actions.schema';
import {
  addMonths,
  formatMonth,
  moneyInputText,
  moneyText,
  parseMoney,
  relevantAmount,
} from './action-format';

describe('parseMoney', () => {
  it('reads what people type into exact minor units', () => {
    expect(parseMoney('1 234,50')).toEqual({ ok: true, value: 123450 });
    expect(parseMoney('1234.50')).toEqual({ ok: true, value: 123450 });
    expect(parseMoney('1234')).toEqual({ ok: true, value: 123400 });
    expect(parseMoney('1234,5')).toEqual({ ok: true, value: 123450 });
    expect(parseMoney(' 0,07 ')).toEqual({ ok: true, value: 7 });
    expect(parseMoney(',5')).toEqual({ ok: true, value: 50 });
    // Intl's own grouping (no-break and narrow no-break spaces) pasted back in.
    expect(parseMoney('12\u00a0345,10')).toEqual({ ok: true, value: 1234510 });
    expect(parseMoney('12\u202f345')).toEqual({ ok: true, value: 1234500 });
  });

  it('never drifts like floats do', () => {
    // 1.1 * 100 = 110.00000000000001 and 4.35 * 100 = 434.99999999999994 in floating point.
    expect(parseMoney('1,10')).toEqual({ ok: true, value: 110 });
    expect(parseMoney('4.35')).toEqual({ ok: true, value: 435 });
    expect(parseMoney('0.29')).toEqual({ ok: true, value: 29 });
    expect(parseMoney('99999999,99')).toEqual({ ok: true, value: 9_999_999_999 });
  });

  it('refuses what is not an amount, with the reason', () => {
    expect(parseMoney('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseMoney('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseMoney('12,345')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseMoney('-5')).toEqual({ ok: false, reason: 'negative' });
    expect(parseMoney('-')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('abc')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('12 zł')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('1.234,50')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('1e5')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney(',')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('12,')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney(String(MAX_AMOUNT))).toEqual({ ok: false, reason: 'too_large' });
    expect(parseMoney('9'.repeat(40))).toEqual({ ok: false, reason: 'too_large' });
  });

  it('round-trips with the text it would show in an input', () => {
    for (const v of [0, 5, 110, 123450, 9_999_999_999]) {
      expect(parseMoney(moneyInputText(v, 'pl'))).toEqual({ ok: true, value: v });
      expect(parseMoney(moneyInputText(v, 'en'))).toEqual({ ok: true, value: v });
    }
    expect(moneyInputText(123450, 'pl')).toBe('1234,50');
    expect(moneyInputText(123400, 'cs')).toBe('1234');
  });
});

describe('money and months', () => {
  it('formats money in the office currency, or plainly without one', () => {
    expect(moneyText(1234550, 'PLN', 'pl').replace(/\s/g, ' ')).toBe('12 345,50 zł');
    expect(moneyText(123450, null, 'en')).toBe('1,234.50');
  });

  it('moves months across years and names them', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 0)).toBe('2026-12');
    expect(formatMonth('2026-11', 'pl')).toBe('listopad 2026');
    expect(formatMonth('2026-03', 'cs')).toBe('březen 2026');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
  });
});

describe('relevantAmount', () => {
  const row = { agreedAmount: 1000, recommendedAmount: 800, approvedAmount: 700, finalAmount: 650 };
  it('picks the figure of the stage', () => {
    expect(relevantAmount({ ...row, stage: 'running' })).toEqual({ kind: 'agreed', amount: 1000 });
    expect(relevantAmount({ ...row, stage: 'recommended' })).toEqual({ kind: 'recommended', amount: 800 });
    expect(relevantAmount({ ...row, stage: 'approved' })).toEqual({ kind: 'approved', amount: 700 });
    expect(relevantAmount({ ...row, stage: 'settled' })).toEqual({ kind: 'final', amount: 650 });
    expect(relevantAmount({ ...row, stage: 'draft', agreedAmount: null })).toEqual({
      kind: 'agreed',
      amount: null,
    });
  });
});
