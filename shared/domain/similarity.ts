import { fold } from './text';

// Fuzzy matching of company names and addresses for duplicate warnings (PRODUCT.md §4): "Sklep
// Spożywczy Żabka sp. z o.o." and "sklep spozywczy zabka" are the same shop. Names are folded
// (diacritics and case), legal forms and punctuation dropped, then compared by the Dice coefficient
// of their character trigrams — robust to typos, word order changes and missing words.

/** Legal forms and filler that say nothing about which shop it is (Polish and Czech). */
const NOISE = new Set([
  'sp',
  'z',
  'o',
  'oo',
  'spolka',
  'ograniczona',
  'odpowiedzialnoscia',
  'sa',
  'sj',
  'sc',
  'sk',
  'spk',
  'jawna',
  'akcyjna',
  'cywilna',
  's',
  'r',
  'sro',
  'spol',
  'as',
  'vos',
  'ks',
  'a',
  'i',
  'w',
  'u',
  'na',
  'ul',
  'ulica',
]);

/** The words of a company name that identify it, folded, legal forms removed. */
export function nameKey(name: string): string {
  return fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !NOISE.has(w))
    .join(' ');
}

export function trigrams(s: string): Set<string> {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Dice coefficient of two trigram sets: 1 for the same text, 0 for nothing in common. */
export function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * Words that say what kind of shop it is, not which one (folded): two shops of one kind with
 * different names share them. Kept out of the distinctive part of a name (see sameShop). Shop kinds
 * that tell shops apart (piekarnia, cukiernia, apteka …) are not here.
 */
const GENERIC = new Set([
  'sklep',
  'sklepik',
  'spozywczy',
  'spozywcza',
  'spozywczo',
  'przemyslowy',
  'przemyslowa',
  'delikatesy',
  'kiosk',
  'market',
  'supermarket',
  'minimarket',
  'hipermarket',
  'hurtownia',
  'osiedlowy',
  'osiedlowa',
  'phu',
  'fhu',
  'pphu',
  'ppuh',
  'przedsiebiorstwo',
  'handlowo',
  'uslugowe',
  'handlowe',
  'handlowy',
  'firma',
  'handel',
  'stacja',
  'paliw',
  'potraviny',
  'vecerka',
  'smisene',
  'zbozi',
  'obchod',
  'prodejna',
  'lahudky',
  'trafika',
  'drogerie',
  'cerpaci',
  'stanice',
  'cs',
  'nr',
]);

/** The numbers in a name key, in order ("lewiatan nr 86" → "86"); '' when none. */
export function nameNumbers(key: string): string {
  return key
    .split(' ')
    .filter((w) => /^\d/.test(w))
    .join(' ');
}

/** The words of a name key that say which shop it is (no shop kinds, no single letters). */
export function distinctKey(key: string): string {
  return key
    .split(' ')
    .filter((w) => w.length > 1 && !GENERIC.has(w))
    .join(' ');
}

/** Share of `a`'s trigrams that are in `b`. */
function containment(a: Set<string>, b: Set<string>): number {
  if (!a.size) return 1;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return common / a.size;
}

/** How much of a name's distinctive part must be found in the other name. */
export const DISTINCT_CONTAINMENT = 0.5;

/**
 * Two name keys whose trigrams are alike may still name two shops: "Sklep Spożywczo-Przemysłowy
 * „Na Rogu”" and "… „U Zosi”" share the long kind and nothing else; "Lewiatan nr 86" and "nr 597"
 * are two outlets. They are one shop only if their numbers agree (where both have some) and each
 * one's distinctive words are (mostly) found in the other — a typo in a word still is.
 */
export function sameShop(keyA: string, keyB: string): boolean {
  const na = nameNumbers(keyA);
  const nb = nameNumbers(keyB);
  if (na && nb && na !== nb) return false;
  const da = distinctKey(keyA);
  const db = distinctKey(keyB);
  // A name of shop kinds only ("Sklep spożywczy"): the trigram similarity alone decides.
  if (!da || !db) return true;
  // Against the other's whole name and its distinctive words alone (so a word at the start of one
  // and in the middle of the other still meets its first trigrams).
  const inB = new Set([...trigrams(keyB), ...trigrams(db)]);
  const inA = new Set([...trigrams(keyA), ...trigrams(da)]);
  return (
    containment(trigrams(da), inB) >= DISTINCT_CONTAINMENT &&
    containment(trigrams(db), inA) >= DISTINCT_CONTAINMENT
  );
}

/** Similarity of two company names in [0, 1]; 0 for two names that sameShop tells apart. */
export function nameSimilarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (!sameShop(ka, kb)) return 0;
  return dice(trigrams(ka), trigrams(kb));
}

/**
 * The house number of a street key ("piotrkowska 104 6" → "104"): the first word after the
 * street's name that starts with a digit, or null. Two shops on one long street are different addresses when both numbers are known
 * and differ — without this the scan paired every "Sklep" on Piotrkowska.
 */
export function houseNumber(key: string): string | null {
  // After the street's first word: "3 maja 121" is number 121 of 3 Maja Street.
  let named = false;
  for (const w of key.split(' ')) {
    if (!w) continue;
    const digit = w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57;
    if (digit && named) return w;
    if (!digit) named = true;
  }
  return null;
}

/** Two street keys are the same address: similar streets, and the same house number where both have one. */
export function sameStreet(a: string, b: string, threshold: number): boolean {
  if (!a || !b) return true;
  const na = houseNumber(a);
  const nb = houseNumber(b);
  if (na !== null && nb !== null && na !== nb) return false;
  return dice(trigrams(a), trigrams(b)) >= threshold;
}

/** A street without the noise ("ul.", punctuation), folded: "ul. Piotrkowska 104/6" → "piotrkowska 104 6". */
export function streetKey(street: string): string {
  return nameKey(street);
}
