import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { houseNumber, nameKey, nameSimilarity, sameStreet, streetKey } from './similarity';

describe('company name similarity', () => {
  it('sees through diacritics, case, legal forms and punctuation', () => {
    expect(nameKey('Sklep Spożywczy „Żabka” Sp. z o.o.')).toBe('sklep spozywczy zabka');
    expect(nameKey('Potraviny U Řehoře s.r.o.')).toBe('potraviny rehore');
    expect(nameSimilarity('Sklep Spożywczy „Żabka” Sp. z o.o.', 'sklep spozywczy zabka')).toBe(1);
    expect(streetKey('ul. Piotrkowska 104/6')).toBe('piotrkowska 104 6');
  });

  it('scores a typo high and a different shop low', () => {
    expect(nameSimilarity('Delikatesy Agata', 'Delikatesy Agatka')).toBeGreaterThan(0.8);
    expect(nameSimilarity('Piekarnia Źródło', 'Piekarnia Zrodlo Smaku')).toBeGreaterThan(0.6);
    expect(nameSimilarity('Delikatesy Agata', 'Kiosk Ruch')).toBeLessThan(0.2);
  });

  it('is symmetric, between 0 and 1, and 1 for the same name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const s = nameSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(nameSimilarity(b, a)).toBeCloseTo(s, 12);
        expect(nameSimilarity(a, a)).toBe(1);
      }),
    );
  });

  it('counts one street with two different house numbers as two addresses', () => {
    const k = streetKey;
    expect(houseNumber(k('ul. Piotrkowska 104/6'))).toBe('104');
    expect(houseNumber(k('Nádražní 12a'))).toBe('12a');
    expect(houseNumber(k('Polna'))).toBeNull();
    expect(houseNumber(k('ul. 3 Maja 121'))).toBe('121');
    expect(houseNumber(k('11 listopada'))).toBeNull();
    expect(sameStreet(k('ul. 3 Maja 121'), k('3 Maja 70'), 0.6)).toBe(false);
    expect(sameStreet(k('ul. Piotrkowska 104/6'), k('Piotrkowska 104'), 0.6)).toBe(true);
    expect(sameStreet(k('ul. Piotrkowska 10'), k('Piotrkowska 104'), 0.6)).toBe(false);
    expect(sameStreet(k('Piotrkowska'), k('Piotrkowska 104'), 0.6)).toBe(true);
    expect(sameStreet('', k('Długa 5'), 0.6)).toBe(true);
    expect(sameStreet(k('Długa 5'), k('Krótka 5'), 0.6)).toBe(false);
  });

  it('tells apart two shops of one kind that share only the kind, or differ in their number', () => {
    expect(
      nameSimilarity('Sklep Spożywczo-Przemysłowy „Na Rogu”', 'Sklep Spożywczo-Przemysłowy „U Zosi”'),
    ).toBe(0);
    expect(
      nameSimilarity('Sklep Spożywczo-Przemysłowy „Jarzębinka”', 'Sklep Spożywczo-Przemysłowy „Malinka”'),
    ).toBe(0);
    expect(nameSimilarity('Sklep Lewiatan nr 86', 'Sklep Lewiatan nr 597')).toBe(0);
    expect(nameSimilarity('Sklep Lewiatan nr 86', 'SKLEP LEWIATAN 86')).toBeGreaterThan(0.75);
    // A typo, also in the shop's kind, is not told apart (short names with a typo stay under the
    // threshold: the trigrams' limit, measured in BENCHMARKS.md).
    expect(nameSimilarity('Lahůdky Král', 'Lahdůky Král')).toBeGreaterThan(0.6);
    expect(nameSimilarity('Delikatesy Agata', 'Delikatesy Agatka')).toBeGreaterThan(0.8);
    // A name of shop kinds only is compared as a whole.
    expect(nameSimilarity('Sklep spożywczy', 'SKLEP SPOZYWCZY')).toBe(1);
  });
});
