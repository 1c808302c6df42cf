import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { IMPORT_MAX_BYTES, type ImportParseOptions } from '../../../shared/contract/imports.schema';
import { detectDelimiter, parseImportFile, plainNumber, suggestMapping } from './import-file.parse';
import {
  WINDOWS_1250_TABLE,
  buildCsv,
  buildXlsx,
  csvText,
  encodeText,
  encodeWindows1250,
} from './testing/fixture-files';

const AUTO: ImportParseOptions = { encoding: 'auto', delimiter: 'auto', headerRow: true };

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  const err = e as AppError;
  expect(err.code).toBe('validation');
  return err;
}

const PL = 'ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ';
const CZ = 'ěščřžýáíéůú ĚŠČŘŽÝÁÍÉŮÚ ďťň ĎŤŇ';

describe('fixture encoder', () => {
  it('matches the Windows-1250 decoder for every character of its table', () => {
    const chars = Object.keys(WINDOWS_1250_TABLE).join('');
    expect(new TextDecoder('windows-1250').decode(encodeWindows1250(chars))).toBe(chars);
  });
});

describe('parseImportFile: CSV', () => {
  it('reads a Windows-1250 semicolon file with Polish and Czech letters exactly', async () => {
    const rows = [
      ['Kod klienta', 'Nazwa firmy', 'Miejscowość', 'Příjmení', 'Obrót'],
      ['K1', `Zakład ${PL}`, 'Łódź', 'Řehoř', '12,50'],
      ['K2', `Firma ${CZ}`, 'Ústí nad Labem', 'Šťastný', '1 234,00'],
    ];
    const bytes = buildCsv(rows, { encoding: 'windows-1250' });
    // Really single bytes (ą is 0xB9), not UTF-8.
    expect(bytes.includes(0xb9)).toBe(true);
    const f = await parseImportFile(bytes, 'klienci.csv', AUTO);
    expect(f.format).toBe('csv');
    expect(f.encoding).toBe('windows-1250');
    expect(f.delimiter).toBe(';');
    expect(f.headers).toEqual(rows[0]);
    expect(f.rows).toEqual([
      { line: 2, cells: rows[1] },
      { line: 3, cells: rows[2] },
    ]);
  });

  it('reads UTF-8 with and without a BOM', async () => {
    const rows = [
      ['Název', 'Město'],
      [`Řeznictví ${CZ}`, 'Brno'],
    ];
    const plain = await parseImportFile(buildCsv(rows, { encoding: 'utf-8' }), 'a.csv', AUTO);
    const bom = await parseImportFile(buildCsv(rows, { encoding: 'utf-8-bom' }), 'a.csv', AUTO);
    expect(plain.encoding).toBe('utf-8');
    expect(bom.encoding).toBe('utf-8-bom');
    for (const f of [plain, bom]) {
      expect(f.headers).toEqual(['Název', 'Město']);
      expect(f.rows[0]?.cells).toEqual([`Řeznictví ${CZ}`, 'Brno']);
    }
  });

  it('honours an explicit encoding and refuses invalid explicit UTF-8', async () => {
    const bytes = buildCsv(
      [
        ['Nazwa', 'Miasto'],
        ['Żabka', 'Łódź'],
      ],
      { encoding: 'windows-1250' },
    );
    const f = await parseImportFile(bytes, 'a.csv', { ...AUTO, encoding: 'windows-1250' });
    expect(f.encoding).toBe('windows-1250');
    expect(f.rows[0]?.cells).toEqual(['Żabka', 'Łódź']);
    const err = await refusal(parseImportFile(bytes, 'a.csv', { ...AUTO, encoding: 'utf-8' }));
    expect(err.key).toBe('errors.import_encoding');
    // Forcing Windows-1250 on a UTF-8 file is the operator's choice: it reads, as mojibake.
    const utf8 = buildCsv([['Nazwa'], ['Łódź']], { encoding: 'utf-8' });
    const forced = await parseImportFile(utf8, 'a.csv', { ...AUTO, encoding: 'windows-1250' });
    expect(forced.rows[0]?.cells[0]).not.toBe('Łódź');
  });

  it('reads comma and tab separated files', async () => {
    const rows = [
      ['Name', 'City', 'Note'],
      ['Alfa', 'Kraków', 'ul. Długa 5; 2. piętro'],
      ['Beta', 'Praha', 'x'],
    ];
    const comma = await parseImportFile(buildCsv(rows, { delimiter: ',' }), 'a.csv', AUTO);
    expect(comma.delimiter).toBe(',');
    expect(comma.rows.map((r) => r.cells)).toEqual(rows.slice(1));
    const tab = await parseImportFile(
      buildCsv(
        [
          ['Name', 'Amount'],
          ['Alfa, s.r.o.', '12,50'],
        ],
        { delimiter: '\t' },
      ),
      'a.txt',
      AUTO,
    );
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows[0]?.cells).toEqual(['Alfa, s.r.o.', '12,50']);
  });

  it('detects semicolons in a file whose values have decimal commas (papaparse guesses comma)', async () => {
    const text = 'Nazwa;Kwota\nA;12,50\nB;13,00\nC;1,5\n';
    expect(detectDelimiter(text)).toBe(';');
    const f = await parseImportFile(encodeText(text), 'a.csv', AUTO);
    expect(f.delimiter).toBe(';');
    expect(f.headers).toEqual(['Nazwa', 'Kwota']);
    expect(f.rows.map((r) => r.cells)).toEqual([
      ['A', '12,50'],
      ['B', '13,00'],
      ['C', '1,5'],
    ]);
    // Addresses with commas in a semicolon file, and a comma file with semicolons inside quotes.
    expect(detectDelimiter('Nazwa;Adres;NIP\nA;"Długa 5, Kraków";1\nB;Polna 1, Łódź;2\n')).toBe(';');
    expect(detectDelimiter('Name,Note\nA,"x;y;z"\nB,"a;b"\n')).toBe(',');
  });

  it('honours an explicit delimiter and Excel\'s "sep=" line', async () => {
    const text = 'a,b;c\n1,2;3\n';
    const f = await parseImportFile(encodeText(text), 'a.csv', { ...AUTO, delimiter: ',' });
    expect(f.headers).toEqual(['a', 'b;c']);
    const sep = await parseImportFile(encodeText('sep=,\r\nNazwa,Kwota\r\nA,1\r\n'), 'a.csv', AUTO);
    expect(sep.delimiter).toBe(',');
    expect(sep.headers).toEqual(['Nazwa', 'Kwota']);
    expect(sep.rows).toEqual([{ line: 2, cells: ['A', '1'] }]);
  });

  it('reads quoted multi-line fields with doubled quotes and numbers rows as records', async () => {
    for (const newline of ['\r\n', '\n'] as const) {
      // Rows 3 and 4 are blank lines, so K2 is row 5 although the file has 7 physical lines before it.
      const text = csvText(
        [
          ['Kod', 'Nazwa', 'Uwagi'],
          ['K1', 'Sklep "Pod Lipą"', 'linia 1\nlinia 2\nlinia 3'],
          [''],
          [''],
          ['K2', 'Beta', 'x'],
        ],
        { newline },
      );
      expect(text).toContain('"Sklep ""Pod Lipą"""');
      const f = await parseImportFile(encodeText(text), 'a.csv', AUTO);
      expect(f.rows).toEqual([
        { line: 2, cells: ['K1', 'Sklep "Pod Lipą"', 'linia 1\nlinia 2\nlinia 3'] },
        { line: 5, cells: ['K2', 'Beta', 'x'] },
      ]);
    }
  });

  it('drops blank, separator-only and trailing empty rows but keeps counting them', async () => {
    const text =
      '\r\nNazwa;Miasto;Kod\r\n;;\r\nA;Łódź;1\r\n ; ;\u00a0\r\nB;Brno;2\r\n;;;\r\n;;;;\r\n\r\n\r\n';
    const f = await parseImportFile(encodeText(text), 'a.csv', AUTO);
    expect(f.headers).toEqual(['Nazwa', 'Miasto', 'Kod']);
    expect(f.rows).toEqual([
      { line: 4, cells: ['A', 'Łódź', '1'] },
      { line: 6, cells: ['B', 'Brno', '2'] },
    ]);
  });

  it('trims cells (spaces, NBSP) and pads short rows; headerRow false gives empty headers', async () => {
    const text = '  Nazwa \u00a0;Miasto;Kod\nA\u00a0;  Łódź\n B ;Brno;2;extra\n';
    const f = await parseImportFile(encodeText(text), 'a.csv', AUTO);
    expect(f.headers).toEqual(['Nazwa', 'Miasto', 'Kod', '']);
    expect(f.rows.map((r) => r.cells)).toEqual([
      ['A', 'Łódź', '', ''],
      ['B', 'Brno', '2', 'extra'],
    ]);
    const n = await parseImportFile(encodeText(text), 'a.csv', { ...AUTO, headerRow: false });
    expect(n.headers).toEqual(['', '', '', '']);
    expect(n.rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('refuses an unclosed quote with the row it starts in', async () => {
    const text = 'Nazwa;Uwagi\nA;"ok"\nB;"multi\nline"\nC;"never closed\nD;x\n';
    const err = await refusal(parseImportFile(encodeText(text), 'a.csv', AUTO));
    expect(err.key).toBe('errors.import_unclosed_quote');
    expect(err.details).toEqual({ line: 4 });
  });

  it('refuses empty files, header-only files and too many columns', async () => {
    for (const bytes of [
      new Uint8Array(0),
      encodeText('\r\n\r\n'),
      encodeText(';;;\n;;\n'),
      encodeText('Nazwa;Miasto\n'),
    ]) {
      expect((await refusal(parseImportFile(bytes, 'a.csv', AUTO))).key).toBe('errors.import_empty');
    }
    const wide = Array.from({ length: 201 }, (_, i) => `c${i}`);
    const err = await refusal(parseImportFile(buildCsv([wide, wide]), 'a.csv', AUTO));
    expect(err.key).toBe('errors.import_too_many_columns');
    // 200 columns plus trailing empty ones are fine.
    const ok = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const f = await parseImportFile(buildCsv([[...ok, '', ''], ok]), 'a.csv', AUTO);
    expect(f.headers).toHaveLength(200);
  });

  it('refuses files over the size limit', async () => {
    const bytes = new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41);
    expect((await refusal(parseImportFile(bytes, 'a.csv', AUTO))).key).toBe('errors.import_too_big');
  });
});

describe('parseImportFile: refused formats', () => {
  it('refuses an old .xls whatever its name', async () => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (const name of ['klienci.xls', 'klienci.csv', 'klienci.xlsx']) {
      expect((await refusal(parseImportFile(bytes, name, AUTO))).key).toBe('errors.import_xls');
    }
  });

  it('refuses binaries, PDFs, ODS and UTF-16 text', async () => {
    const binary = encodeText('Nazwa;Miasto\nA;B\n');
    const withNul = new Uint8Array([...binary, 0, 1, 2, 3]);
    expect((await refusal(parseImportFile(withNul, 'a.csv', AUTO))).key).toBe('errors.import_format');
    const pdf = encodeText('%PDF-1.7\n1 0 obj\n');
    expect((await refusal(parseImportFile(pdf, 'a.csv', AUTO))).key).toBe('errors.import_format');
    const ods = encodeText(
      'PK\u0003\u0004\u0014\u0000\u0000\u0000mimetypeapplication/vnd.oasis.opendocument.spreadsheet',
    );
    expect((await refusal(parseImportFile(ods, 'a.ods', AUTO))).key).toBe('errors.import_format');
    const notXlsx = encodeText('PK\u0003\u0004garbage garbage');
    expect((await refusal(parseImportFile(notXlsx, 'a.xlsx', AUTO))).key).toBe('errors.import_format');
    const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x3b, 0x00, 0x42, 0x00]);
    expect((await refusal(parseImportFile(utf16, 'a.txt', AUTO))).key).toBe('errors.import_utf16');
  });
});

describe('parseImportFile: XLSX', () => {
  it('reads cells as text: numbers, dates, booleans, formulas, rich text, hyperlinks, merges', async () => {
    const bytes = await buildXlsx([
      {
        name: 'Klienci',
        rows: [
          ['Kod', 'NIP', 'Telefon', 'Data zgody', 'Zgoda', 'Suma', 'Nazwa', 'WWW', 'Kod pocztowy', 'Kwota'],
          [
            'K1',
            5260250274,
            48601234567,
            new Date(Date.UTC(2025, 11, 31)),
            true,
            { formula: 'B2*2', result: 10520500548 },
            { richText: [{ text: 'Zakład ' }, { text: 'Łódź', font: { bold: true } }] },
            { text: 'strona', hyperlink: 'https://example.com' },
            { value: 2950, numFmt: '00\\-000' },
            12.5,
          ],
          [],
          [
            '  K2\u00a0',
            { formula: 'A4', result: 'K2' },
            null,
            new Date(Date.UTC(2024, 1, 29)),
            false,
            0.1 + 0.2,
            'Linia 1\nLinia 2',
            null,
            { value: 11000, numFmt: '000 00' },
            -0.0000001,
          ],
          ['Sieć', 'scalone'],
        ],
        merges: ['A5:C5'],
      },
    ]);
    const f = await parseImportFile(bytes, 'klienci.xlsx', AUTO);
    expect(f).toMatchObject({
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheets: ['Klienci'],
      sheet: 'Klienci',
    });
    expect(f.headers[0]).toBe('Kod');
    expect(f.rows).toEqual([
      {
        line: 2,
        cells: [
          'K1',
          '5260250274',
          '48601234567',
          '2025-12-31',
          '1',
          '10520500548',
          'Zakład Łódź',
          'strona',
          '02-950',
          '12.5',
        ],
      },
      {
        line: 4,
        cells: ['K2', 'K2', '', '2024-02-29', '0', '0.3', 'Linia 1\nLinia 2', '', '110 00', '-0.0000001'],
      },
      // The merged-over cells are empty (exceljs would repeat the value).
      { line: 5, cells: ['Sieć', '', '', '', '', '', '', '', '', ''] },
    ]);
  });

  it('lists the sheets and by default reads the first one with data rows', async () => {
    const bytes = await buildXlsx([
      { name: 'Instrukcja', rows: [['Proszę wypełnić arkusz Klienci']] },
      { name: 'Klienci', rows: [['Nazwa'], ['Alfa']] },
      { name: 'Inne', rows: [['Nazwa'], ['Beta']] },
    ]);
    const f = await parseImportFile(bytes, 'a.xlsx', AUTO);
    expect(f.sheets).toEqual(['Instrukcja', 'Klienci', 'Inne']);
    expect(f.sheet).toBe('Klienci');
    expect(f.rows).toEqual([{ line: 2, cells: ['Alfa'] }]);
    // Chosen explicitly, a sheet without data rows is refused.
    const err = await refusal(parseImportFile(bytes, 'a.xlsx', { ...AUTO, sheet: 'Instrukcja' }));
    expect(err.key).toBe('errors.import_empty');
    const none = await buildXlsx([
      { name: 'A', rows: [['x']] },
      { name: 'B', rows: [] },
    ]);
    expect((await refusal(parseImportFile(none, 'a.xlsx', AUTO))).key).toBe('errors.import_empty');
  });

  it("reads the chosen sheet with the sheet's row numbers", async () => {
    const bytes = await buildXlsx([
      { name: 'Instrukcja', rows: [['Proszę wypełnić arkusz Klienci'], ['…']] },
      { name: 'Klienci', rows: [[], [], ['Nazwa', 'Miasto'], ['Alfa', 'Kraków'], [], ['Beta', 'Brno']] },
    ]);
    const f = await parseImportFile(bytes, 'a.xlsx', { ...AUTO, sheet: 'Klienci' });
    expect(f.sheet).toBe('Klienci');
    expect(f.headers).toEqual(['Nazwa', 'Miasto']);
    expect(f.rows).toEqual([
      { line: 4, cells: ['Alfa', 'Kraków'] },
      { line: 6, cells: ['Beta', 'Brno'] },
    ]);
    const err = await refusal(parseImportFile(bytes, 'a.xlsx', { ...AUTO, sheet: 'Nie ma' }));
    expect(err.key).toBe('errors.import_sheet');
    expect(err.details).toMatchObject({ sheet: 'Nie ma' });
  });

  it('is recognised by content even when named .csv', async () => {
    const bytes = await buildXlsx([{ name: 'A', rows: [['x'], ['y']] }]);
    expect((await parseImportFile(bytes, 'export.csv', AUTO)).format).toBe('xlsx');
  });
});

describe('plainNumber', () => {
  it.each([
    [5260250274, '5260250274'],
    [48601234567, '48601234567'],
    [12.5, '12.5'],
    [0.1 + 0.2, '0.3'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e-8, '-0.000000025'],
    [0, '0'],
    [-42, '-42'],
  ])('%d → %s', (n, text) => {
    expect(plainNumber(n)).toBe(text);
  });
});

describe('suggestMapping', () => {
  it('maps a Polish header row', () => {
    expect(
      suggestMapping([
        'Kod klienta',
        'Nazwa firmy',
        'NIP',
        'REGON',
        'Ulica',
        'Kod pocztowy',
        'Miejscowość',
        'Kraj',
        'Telefon',
        'E-mail',
        'Kanał',
        'Handlowiec',
        'Status',
        'Tagi',
        'Kod centrali',
        'Imię',
        'Nazwisko',
        'Stanowisko',
        'Telefon osoby kontaktowej',
        'E-mail osoby kontaktowej',
        'Zgoda e-mail',
        'Data zgody',
        'Uwagi',
      ]),
    ).toEqual([
      'externalCode',
      'name',
      'taxId',
      'regon',
      'street',
      'postalCode',
      'city',
      'country',
      'phone',
      'email',
      'segment',
      'rep',
      'status',
      'tags',
      'parentCode',
      'contactFirstName',
      'contactSurname',
      'contactPosition',
      'contactPhone',
      'contactEmail',
      'contactEmailConsent',
      'contactConsentDate',
      null,
    ]);
  });

  it('maps a Czech header row (with and without diacritics)', () => {
    expect(
      suggestMapping([
        'Číslo zákazníka',
        'Obchodní jméno',
        'IČO',
        'DIČ',
        'Adresa',
        'PSČ',
        'Mesto',
        'Země',
        'Tel.',
        'E-mailová adresa',
        'Segment',
        'Obchodní zástupce',
        'Stav',
        'Štítky',
        'Centrála',
        'Jméno',
        'Příjmení',
        'Funkce',
        'Telefon kontaktní osoby',
        'E-mail kontaktní osoby',
        'Souhlas s e-mailem',
        'Datum souhlasu',
        'Poznámka',
      ]),
    ).toEqual([
      'externalCode',
      'name',
      'taxId',
      'dic',
      'street',
      'postalCode',
      'city',
      'country',
      'phone',
      'email',
      'segment',
      'rep',
      'status',
      'tags',
      'parentCode',
      'contactFirstName',
      'contactSurname',
      'contactPosition',
      'contactPhone',
      'contactEmail',
      'contactEmailConsent',
      'contactConsentDate',
      null,
    ]);
  });

  it('uses each target once (first column wins) and prefers exact names over containment', () => {
    expect(suggestMapping(['Telefon', 'Telefon 2', 'NIP', 'NIP', '', 'Nazwa'])).toEqual([
      'phone',
      null,
      'taxId',
      null,
      null,
      'name',
    ]);
    // "Nazwa sklepu" contains "nazwa", but the exact "Firma" later in the row claims name first.
    expect(suggestMapping(['Nazwa sklepu', 'Firma'])).toEqual([null, 'name']);
    expect(suggestMapping(['Adres e-mail firmy', 'Telefon kontaktowy', 'Kod', 'IČ'])).toEqual([
      'email',
      'contactPhone',
      'externalCode',
      'taxId',
    ]);
    expect(
      suggestMapping(['Customer code', 'Company name', 'Tax ID', 'ZIP', 'City', 'First name', 'Last name']),
    ).toEqual(['externalCode', 'name', 'taxId', 'postalCode', 'city', 'contactFirstName', 'contactSurname']);
  });
});
