import type { Client, Contact } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type {
  MailingListCounts,
  MailingListExportInput,
  MailingListExportResult,
  MailingListFilter,
  MailingListOptions,
} from '../../../shared/contract/exports.schema';
import { zonedParts } from '../../../shared/domain/dates';
import type { HandlerContext } from '../app/handler-context';
import { withJob } from '../app/jobs';
import { inRepScope, repScope } from '../auth/scope';
import { collator, searchIndexOf } from '../clients/client-search.index';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';
import type { CsvCell, FileLang } from './export-file';
import { auditFileExport, csvBytes, fileLanguage, toExportFile } from './export-file';
import {
  cityKey,
  consentGrantedAt,
  emailConsent,
  emptyCounts,
  firstValidEmail,
  MAILING_HEADER,
} from './mailing-list.rules';

// The mailing list for a sale announcement (PRODUCT.md §7, issue 9 must-haves 2, 4, 6): the
// contact persons of the clients a filter selects, kept only with a valid e-mail and a granted
// e-mail consent, each left-out one counted under its first reason, written as CSV and recorded
// in the audit log. The preview walks the very same generator, so its counts are the export's.

/** Contacts between two turns of the job's loop (a slice checks the clock at each turn). */
const YIELD_EVERY = 500;

/** A client is on a mailing list only while it is a live, active point of sale. */
function isLive(c: Client): boolean {
  return !c.archived && !c.mergedInto && c.status !== 'inactive';
}

function inScope(scope: Set<string> | null, c: Client): boolean {
  return inRepScope(scope, c.repId);
}

// ---- options ----

export function mailingListOptions(ctx: HandlerContext): MailingListOptions {
  const { store } = ctx;
  const scope = repScope(store, ctx.user());
  const coll = collator(fileLanguage(ctx));
  const cities = new Map<string, string>();
  const parentIds = new Set<string>();
  for (const c of store.all<Client>('clients')) {
    if (!isLive(c) || !inScope(scope, c)) continue;
    const city = c.address.city.trim();
    const key = cityKey(city);
    if (key && !cities.has(key)) cities.set(key, city);
    if (c.parentId) parentIds.add(c.parentId);
  }
  const parents: MailingListOptions['parents'] = [];
  for (const id of parentIds) {
    const p = store.get<Client>('clients', id);
    if (!p || p.archived || p.mergedInto) continue;
    parents.push({ id: p.id, name: p.name, city: p.address.city });
  }
  parents.sort(
    (a, b) => coll.compare(a.name, b.name) || coll.compare(a.city, b.city) || (a.id < b.id ? -1 : 1),
  );
  return { cities: [...cities.values()].sort(coll.compare), parents };
}

// ---- the selection ----

interface Selection {
  /** The selected clients in the file's order (name, with the caller's collator). */
  clients: Client[];
  lang: FileLang;
  coll: Intl.Collator;
  timeZone: string;
}

function unknownIds(field: string, ids: string[]): AppError {
  return new AppError('validation', `Unknown ${field} in the mailing-list filter: ${ids.join(', ')}`, {
    key: 'errors.mailing_filter_unknown',
    details: { field, ids },
  });
}

/** Checks what the filter names, then picks the clients it selects within the caller's scope. */
function select(ctx: HandlerContext, f: MailingListFilter): Selection {
  const { store } = ctx;
  const me = ctx.user();
  const scope = repScope(store, me);

  const badSegments = f.segmentIds.filter(
    (id) => store.get<DictionaryItem>('dictionaries', id)?.kind !== 'segment',
  );
  if (badSegments.length) throw unknownIds('segmentIds', badSegments);
  const badReps = f.repIds.filter(
    (id) => id !== 'none' && store.get<UserRecord>('users', id)?.role !== 'rep',
  );
  if (badReps.length) throw unknownIds('repIds', badReps);
  const badParents = f.parentIds.filter((id) => {
    const p = store.get<Client>('clients', id);
    return !p || p.archived || p.mergedInto;
  });
  if (badParents.length) throw unknownIds('parentIds', badParents);
  const foreign = f.repIds.filter((id) => id !== 'none' && !inRepScope(scope, id));
  if (foreign.length)
    throw new AppError('forbidden', 'A rep of the filter is not in your scope', {
      key: 'errors.rep_out_of_scope',
      details: { repId: foreign[0], repIds: foreign },
    });

  const segments = f.segmentIds.length ? new Set(f.segmentIds) : null;
  const cities = f.cities.length ? new Set(f.cities.map(cityKey)) : null;
  const reps = f.repIds.length ? new Set(f.repIds) : null;
  const noRep = reps?.has('none') ?? false;
  const parents = f.parentIds.length ? new Set(f.parentIds) : null;

  const lang = fileLanguage(ctx);
  const coll = collator(lang);
  // The client list's own name order (name, then id, with the language's collator), kept sorted
  // by the search index and warmed at start-up: sorting 50 000 names anew costs half a second.
  const ix = searchIndexOf(store);
  ix.sync();
  const clients: Client[] = [];
  for (const e of ix.order('name', 'asc', lang)) {
    const c = e.rec;
    if (!isLive(c) || !inScope(scope, c)) continue;
    if (segments && !(c.segmentId && segments.has(c.segmentId))) continue;
    if (reps && !(c.repId ? reps.has(c.repId) : noRep)) continue;
    // A chain: the parent company itself and its outlets.
    if (parents && !parents.has(c.id) && !(c.parentId && parents.has(c.parentId))) continue;
    if (cities && !cities.has(cityKey(c.address.city))) continue;
    clients.push(c);
  }
  return { clients, lang, coll, timeZone: ctx.timeZone() };
}

// ---- the walk ----

/**
 * Every contact of the selected clients, in the file's order (client name, then surname), each
 * counted under its verdict; with `rows`, the included ones' rows are pushed there. The order
 * matters for duplicates: the first contact with an address keeps it, the later ones are left out.
 */
function* walk(
  store: Store,
  sel: Selection,
  progress: (done: number, total: number) => void,
  rows: CsvCell[][] | null,
): Generator<void, MailingListCounts> {
  const { coll } = sel;
  const counts = emptyCounts();
  const left = counts.leftOut;
  counts.clients = sel.clients.length;
  const seen = new Set<string>();
  // Looked up once per segment, rep and consent minute, not per contact.
  const segmentLabels = new Map<string | null, string>();
  const repNames = new Map<string | null, string>();
  const dates = new Map<string, string>();
  const localDate = (at: string): string => {
    // Zone offsets are whole minutes: every instant of one UTC minute has the same local date.
    const minute = at.slice(0, 16);
    let d = dates.get(minute);
    if (d === undefined) dates.set(minute, (d = zonedParts(new Date(at), sel.timeZone).date));
    return d;
  };
  const bySurname = (a: Contact, b: Contact) =>
    coll.compare(a.surname, b.surname) || coll.compare(a.firstName, b.firstName) || (a.id < b.id ? -1 : 1);

  // The contacts in file order without a map per client: one pass over the contacts keeps those
  // of the selected clients with their client's rank (a snapshot: the passes below read no
  // record that a commit between two slices could change), a counting sort by rank places them
  // in one array, then each client's few contacts are sorted by surname in place.
  const rank = new Map<string, number>();
  for (let r = 0; r < sel.clients.length; r++) rank.set(sel.clients[r]!.id, r);
  const hits: Contact[] = [];
  const hitRanks: number[] = [];
  let passed = 0;
  // Addresses whose owner said no on any record of the office (the same person at two outlets of
  // a chain): never mailed, even where another record of that address holds a granted consent.
  const refused = new Set<string>();
  for (const p of store.all<Contact>('contacts')) {
    const r = rank.get(p.clientId);
    if (r !== undefined) {
      hits.push(p);
      hitRanks.push(r);
    }
    if (p.consents.email === false && !p.archived && !p.erased)
      for (const e of p.emails) refused.add(e.trim().toLowerCase());
    if ((++passed & 1023) === 0) yield;
  }
  const total = hits.length;
  const start = new Int32Array(sel.clients.length + 1);
  for (let k = 0; k < total; k++) start[hitRanks[k]! + 1]!++;
  for (let r = 0; r < sel.clients.length; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, sel.clients.length);
  const placed = new Array<Contact>(total);
  for (let k = 0; k < total; k++) placed[fill[hitRanks[k]!]!++] = hits[k]!;
  let done = 0;
  let sinceYield = 0;
  progress(0, total);
  yield;

  for (let r = 0; r < sel.clients.length; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    if (from === to) continue;
    const c = sel.clients[r]!;
    if (to - from > 16) {
      const part = placed.slice(from, to).sort(bySurname);
      for (let k = 0; k < part.length; k++) placed[from + k] = part[k]!;
    } else {
      // Insertion sort in place: a store has a handful of contacts, and this runs per client.
      for (let k = from + 1; k < to; k++) {
        const p = placed[k]!;
        let j = k - 1;
        while (j >= from && bySurname(placed[j]!, p) > 0) {
          placed[j + 1] = placed[j]!;
          j--;
        }
        placed[j + 1] = p;
      }
    }
    let segment: string | undefined;
    let rep: string | undefined;
    for (let k = from; k < to; k++) {
      const p = placed[k]!;
      done++;
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        progress(done, total);
        yield;
      }
      // An erased person holds no data: not a contact of the list at all.
      if (p.archived || p.erased) continue;
      counts.contacts++;
      if (!p.emails.length) {
        left.noEmail++;
        continue;
      }
      const email = firstValidEmail(p.emails);
      if (email === null) {
        left.invalidEmail++;
        continue;
      }
      const consent = emailConsent(p);
      if (consent !== 'granted') {
        left[consent]++;
        continue;
      }
      const key = email.toLowerCase();
      if (refused.has(key)) {
        left.withdrawn++;
        continue;
      }
      if (seen.has(key)) {
        left.duplicate++;
        continue;
      }
      seen.add(key);
      counts.included++;
      if (!rows) continue;
      if (segment === undefined) {
        segment = segmentLabels.get(c.segmentId);
        if (segment === undefined) {
          const item = c.segmentId ? store.get<DictionaryItem>('dictionaries', c.segmentId) : undefined;
          segmentLabels.set(c.segmentId, (segment = item ? item.labels[sel.lang] : ''));
        }
      }
      if (rep === undefined) {
        rep = repNames.get(c.repId);
        if (rep === undefined) {
          const u = c.repId ? store.get<UserRecord>('users', c.repId) : undefined;
          repNames.set(c.repId, (rep = u ? u.displayName : ''));
        }
      }
      const at = consentGrantedAt(p.consentHistory);
      rows.push([
        email,
        p.firstName,
        p.surname,
        p.position,
        c.name,
        c.address.city,
        segment,
        rep,
        at === null ? '' : localDate(at),
      ]);
    }
  }
  progress(total, total);
  return counts;
}

// ---- commands ----

export async function previewMailingList(
  ctx: HandlerContext,
  filter: MailingListFilter,
): Promise<MailingListCounts> {
  const sel = select(ctx, filter);
  // Sliced like the export (an office-wide preview walks every contact), but neither watched nor audited.
  return withJob(ctx, undefined, (job) => job.run(walk(ctx.store, sel, (d, n) => job.progress(d, n), null)));
}

export async function exportMailingList(
  ctx: HandlerContext,
  i: MailingListExportInput,
): Promise<MailingListExportResult> {
  // Checked before the job starts: a refused filter neither starts a job nor records anything.
  const sel = select(ctx, i.filter);
  const made = await withJob(ctx, i.jobId, async (job) => {
    const rows: CsvCell[][] = [[...MAILING_HEADER[sel.lang]]];
    const counts = await job.run(walk(ctx.store, sel, (d, n) => job.progress(d, n), rows));
    job.checkpoint();
    const bytes = csvBytes(rows, sel.lang);
    job.checkpoint();
    return {
      file: toExportFile(
        bytes,
        `mailing-list-${ctx.today()}.csv`,
        'text/csv; charset=utf-8',
        counts.included,
      ),
      counts,
    };
  });
  // Audited once the file exists, after the job: a cancel that came in while the entry was being
  // written would otherwise answer `cancelled` for an export the log records.
  await auditFileExport(ctx, {
    kind: 'mailing_list_csv',
    entity: 'contacts',
    entityId: 'mailing-list',
    count: made.counts.included,
    extra: { filter: i.filter, leftOut: made.counts.leftOut, clients: made.counts.clients },
  });
  return made;
}
