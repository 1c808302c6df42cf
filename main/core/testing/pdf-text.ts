// The text of a PDF as a reader sees it, for tests: pdf.js (the parser browsers use) extracts each
// page's text items, which are joined per line. Checks that a generated PDF really says what it
// should, in Polish and Czech letters, not just that some bytes came out.
export async function pdfText(bytes: Buffer): Promise<string> {
  return (await pdfPages(bytes)).join('\n');
}

/** The text of each page (lines joined by '\n'), for tests that check where a page breaks. */
export async function pdfPages(bytes: Buffer | Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const lines: string[] = [];
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    pages.push(lines.join('\n'));
  }
  await doc.destroy();
  return pages;
}
