import { describe, expect, it } from 'vitest';
import { currencyLabel, timeZoneChoices, timeZoneLabel } from './time-zones';

describe('office settings labels', () => {
  it('name a zone by its id and its name in the UI language', () => {
    // The exact wording is the ICU data's (Node and Chromium differ slightly): check the gist.
    expect(timeZoneLabel('Europe/Warsaw', 'pl')).toMatch(/^Europe\/Warsaw — czas środkowoeuropejski/);
    expect(timeZoneLabel('Europe/Prague', 'cs')).toMatch(/^Europe\/Prague — středoevropský/);
    expect(timeZoneLabel('Not/AZone', 'en')).toBe('Not/AZone');
  });

  it('keep an office’s zone on offer even if it is not one of ours', () => {
    expect(timeZoneChoices('Europe/Warsaw')[0]).toBe('Europe/Warsaw');
    expect(timeZoneChoices('America/New_York')[0]).toBe('America/New_York');
  });

  it('name currencies in the UI language', () => {
    expect(currencyLabel('CZK', 'cs')).toBe('CZK — česká koruna');
    expect(currencyLabel('PLN', 'pl')).toBe('PLN — złoty polski');
  });
});
