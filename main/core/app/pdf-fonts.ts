import * as path from 'node:path';
import pdfmake from 'pdfmake';
import { assetsDir } from './assets';

// Every PDF the core renders (personal data, settlement orders) uses the shipped Noto Sans, which
// has every Polish and Czech letter — the standard PDF fonts have neither "ł" nor "ř".

let fontsSet = false;
export function ensurePdfFonts(): void {
  if (fontsSet) return;
  const dir = path.join(assetsDir(), 'fonts');
  const regular = path.join(dir, 'NotoSans-Regular.ttf');
  const bold = path.join(dir, 'NotoSans-Bold.ttf');
  pdfmake.setFonts({ Noto: { normal: regular, bold, italics: regular, bolditalics: bold } });
  // Documents are built from stored data: they must never make pdfmake fetch or read anything else.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(dir + path.sep));
  fontsSet = true;
}
