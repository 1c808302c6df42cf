import type {
  Client,
  Contact,
  DuplicateReason,
  DuplicateSuspect,
} from '../../../shared/contract/clients.schema';
import { normalizeEmail, normalizePhone, normalizePostalCode } from '../../../shared/domain/contact-data';
import { normalizeIco, normalizeNip } from '../../../shared/domain/tax-ids';
import { pairKey } from '../../../shared/domain/duplicate-scan';
import { nameSimilarity, sameStreet, streetKey } from '../../../shared/domain/similarity';
import { fold } from '../../../shared/domain/text';
import type { HandlerContext } from '../app/handler-context';

// Duplicates on entry (PRODUCT.md §4): the same external code is refused by the store's unique
// index; everything else only warns, with the suspects and the reason, before the operator saves.
// - the same tax id outside one parent company (outlets of a chain share their parent's),
// - the same phone or e-mail (the company's or one of its contact persons'),
// - a similar name at a similar address (diacritic-insensitive trigram similarity).

/** How alike two names must be, at the same city or postal code, to be worth a warning. */
export const NAME_THRESHOLD = 0.75;
/** Streets this alike (or one of them unknown) count as the same address. */
export const STREET_THRESHOLD = 0.6;
const MAX_SUSPECTS = 10;

interface Candidate {
  id: string | null;
  name: string;
  taxId: string | null;
  phone: string | null;
  email: string | null;
  parentId: string | null;
  address: { street: string; city: string; postalCode: string; country: 'PL' | 'CZ' };
}

/** The chain a client belongs to: its parent's id, or its own when it has none. */
const familyOf = (c: { id: string | null; parentId: string | null }) => c.parentId ?? c.id;

export function findDuplicates(ctx: HandlerContext, input: Candidate): DuplicateSuspect[] {
  const store = ctx.store;
  const country = input.address.country;
  const taxId = input.taxId
    ? country === 'PL'
      ? normalizeNip(input.taxId)
      : normalizeIco(input.taxId)
    : null;
  const phone = input.phone ? normalizePhone(input.phone, country) : null;
  // As stored: the domain in lower case, the local part as written (it may be case-sensitive).
  const email = input.email ? normalizeEmail(input.email) : null;
  const emailLower = email?.toLowerCase() ?? null;
  const city = fold(input.address.city.trim());
  const postal = input.address.postalCode ? normalizePostalCode(input.address.postalCode, country) : null;
  const street = streetKey(input.address.street);
  const family = familyOf(input);

  const found = new Map<string, { c: Client; reasons: Set<DuplicateReason>; score: number }>();
  const note = (c: Client | undefined, reason: DuplicateReason, score: number) => {
    if (!c || c.archived || c.id === input.id) return;
    // A pair the operator said is not a duplicate (in the scan) is not one here either.
    if (input.id && store.byIndex('duplicateDismissals', 'pairKey', pairKey(input.id, c.id)).length) return;
    const f = found.get(c.id) ?? { c, reasons: new Set<DuplicateReason>(), score: 0 };
    f.reasons.add(reason);
    f.score = Math.max(f.score, score);
    found.set(c.id, f);
  };

  if (taxId) {
    for (const c of store.byIndex<Client>('clients', 'taxId', taxId)) {
      // Outlets of one chain carry their parent's tax id on purpose.
      if (family !== null && familyOf(c) === family) continue;
      if (input.parentId && c.id === input.parentId) continue;
      note(c, 'tax_id', 1);
    }
  }
  if (phone) {
    for (const p of store.byIndex<Contact>('contacts', 'phones', phone))
      if (!p.erased) note(store.get<Client>('clients', p.clientId), 'phone', 0.9);
  }
  if (email) {
    for (const p of store.byIndex<Contact>('contacts', 'emails', email))
      if (!p.erased) note(store.get<Client>('clients', p.clientId), 'email', 0.9);
  }
  const name = input.name.trim();
  for (const c of store.all<Client>('clients')) {
    if (phone && c.phone === phone) note(c, 'phone', 0.9);
    if (emailLower && c.email?.toLowerCase() === emailLower) note(c, 'email', 0.9);
    if (!name || (!city && !postal)) continue;
    const sameArea =
      (postal !== null && c.address.postalCode === postal) || (!!city && fold(c.address.city) === city);
    if (!sameArea) continue;
    const sim = nameSimilarity(name, c.name);
    if (sim < NAME_THRESHOLD) continue;
    if (sameStreet(street, streetKey(c.address.street), STREET_THRESHOLD)) note(c, 'name_address', sim);
  }

  return [...found.values()]
    .sort((a, b) => b.score - a.score || (a.c.name < b.c.name ? -1 : 1))
    .slice(0, MAX_SUSPECTS)
    .map(({ c, reasons, score }) => ({
      clientId: c.id,
      name: c.name,
      city: c.address.city,
      street: c.address.street,
      taxId: c.taxId,
      reasons: [...reasons],
      score: Math.round(score * 100) / 100,
    }));
}
