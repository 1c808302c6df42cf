// Diacritic- and case-insensitive text, for search ("lodz" finds "Łódź", "rehor" finds "Řehoř")
// and for duplicate detection. NFD splits most accented letters into base + combining mark; a few
// letters are letters of their own and do not decompose (ł, đ, ß …), so they are mapped by hand.
const EXTRA: Record<string, string> = {
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ß: 'ss',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
};
const EXTRA_RE = /[łŁđĐßøØæÆœŒ]/g;

export function fold(s: string): string {
  return s
    .replace(EXTRA_RE, (c) => EXTRA[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** Folded words of a text, for token search and name similarity. */
export function foldTokens(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
