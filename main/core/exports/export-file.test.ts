import { describe, expect, it } from 'vitest';
import { csvBytes, safeFileName } from './export-file';

// The CSV every export writes: what spreadsheet programs in Poland and Czechia read as intended,
// and what they must never run.

const text = (b: Buffer) => b.subarray(3).toString('utf8');

describe('csvBytes', () => {
  it('starts with a BOM, ends lines with CRLF, separates by language', () => {
    const pl = csvBytes(
      [
        ['Łódź', 12.5],
        ['Žďár', 3],
      ],
      'pl',
    );
    expect([...pl.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(pl)).toBe('Łódź;12,5\r\nŽďár;3\r\n');
    expect(text(csvBytes([['Łódź', 12.5]], 'en'))).toBe('Łódź,12.5\r\n');
  });

  it('quotes only around the separator, quotes and line breaks', () => {
    expect(text(csvBytes([['a;b', 'say "hi"', 'two\nlines', '1,5 kg']], 'pl'))).toBe(
      '"a;b";"say ""hi""";"two\nlines";1,5 kg\r\n',
    );
    expect(text(csvBytes([['a,b', 'c;d']], 'en'))).toBe('"a,b",c;d\r\n');
  });

  it('defuses formulas in text cells, also after spaces, but keeps phones and signed numbers as they are', () => {
    const out = text(
      csvBytes([['=HYPERLINK("x")', '@SUM(A1)', ' -2+3', '+48601234567', '-5,5', '+420 601 234 567']], 'pl'),
    );
    expect(out).toBe(`"'=HYPERLINK(""x"")";'@SUM(A1);' -2+3;+48601234567;-5,5;+420 601 234 567\r\n`);
    // A formula cell with the separator is both defused and quoted.
    expect(text(csvBytes([['=1;2']], 'pl'))).toBe(`"'=1;2"\r\n`);
  });

  it('writes empty cells for null and non-finite numbers', () => {
    expect(text(csvBytes([[null, undefined, Number.NaN, 0]], 'pl'))).toBe(';;;0\r\n');
  });
});

describe('safeFileName', () => {
  it('keeps ASCII letters and digits, drops diacritics and the rest', () => {
    expect(safeFileName('Plan – Łukasz Wróbel / Žďár')).toBe('Plan-Lukasz-Wrobel-Zdar');
    expect(safeFileName('///')).toBe('export');
  });
});
