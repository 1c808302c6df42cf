import type {
  Client,
  ClientInput,
  ClientCard,
  ClientRow,
  Contact,
  QualityFlag,
  ClientListInput,
  TimelineItem,
} from '../../../shared/contract/clients.schema';
import {
  ClientFields,
  ContactFields,
  normalizeClient,
  normalizeContact,
  QUALITY_OWNER,
} from '../../../shared/contract/clients.schema';
import type { z } from 'zod';
import { AppError, issuesFromZod } from '../../../shared/contract/errors';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { fold, foldTokens } from '../../../shared/domain/text';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { inRepScope, isPrivileged, repScope } from '../auth/scope';
import type { Store, Tx } from '../store/store';
import type { ClientSearchIndex, ColumnFilter, Entry } from './client-search.index';
import { comparator, hasFlag, NONE, searchIndexOf } from './client-search.index';
import type { UserRecord } from '../users/users.service';

type ClientRec = Client;
type ContactRec = Contact;
type ContactInput = z.output<typeof ContactFields>;

// ---- search ----
// The list's search: filters, token search over the client's own text and its contacts' phones and
// e-mails, collator order. What it derives from the records (haystacks, sorted orders, contact
// data, recent results) lives in client-search.index.ts.

function contactsOf(store: Store, clientId: string): ContactRec[] {
  // The shared index answer: the data-quality report asks this for every client of the office.
  return store.byIndexShared<ContactRec>('contacts', 'clientId', clientId).filter((p) => !p.archived);
}

function callStatusCode(store: Store, id: string | null): string | null {
  if (!id) return null;
  return store.get<{ id: string; code: string }>('dictionaries', id)?.code ?? id;
}

function orderSummary(store: Store, o: Loose): string {
  const product =
    typeof o.productId === 'string'
      ? store.get<{ id: string; name: string }>('products', o.productId)
      : undefined;
  const name = product?.name ?? (typeof o.productName === 'string' ? o.productName : '');
  return typeof o.quantity === 'number' ? `${name} × ${o.quantity}` : name;
}

export function qualityOf(
  store: Store,
  c: ClientRec,
): Array<{ flag: QualityFlag; contactId: string | null }> {
  const out: Array<{ flag: QualityFlag; contactId: string | null }> = [];
  if (!c.taxId && !c.parentId) out.push({ flag: 'no_tax_id', contactId: null });
  if (!c.repId) out.push({ flag: 'no_rep', contactId: null });
  const contacts = contactsOf(store, c.id);
  if (!contacts.length) out.push({ flag: 'no_contact', contactId: null });
  for (const p of contacts) {
    if (p.erased) continue;
    if (!p.phones.length && !p.emails.length) out.push({ flag: 'contact_no_channel', contactId: p.id });
    if (p.emails.length && p.consents?.email === undefined) out.push({ flag: 'no_consent', contactId: p.id });
  }
  return out;
}

export function toRow(store: Store, c: ClientRec): ClientRow {
  return {
    id: c.id,
    name: c.name,
    taxId: c.taxId ?? null,
    externalCode: c.externalCode ?? null,
    city: c.address.city,
    postalCode: c.address.postalCode,
    country: c.address.country,
    repId: c.repId ?? null,
    segmentId: c.segmentId ?? null,
    status: c.status,
    parentId: c.parentId ?? null,
    phone: c.phone ?? null,
    email: c.email ?? null,
    flags: [...new Set(qualityOf(store, c).map((q) => q.flag))],
  };
}

export type ListInput = z.output<typeof ClientListInput>;
type MatchInput = Omit<ListInput, 'sort' | 'dir' | 'offset' | 'limit'>;

/** The filters as one test of an entry (the caller's scope included). */
function matcher(
  ix: ClientSearchIndex,
  scope: Set<string> | null,
  i: MatchInput,
  /** Only a few clients will be tested: look for the tokens in their texts, not in all texts. */
  few = false,
): (e: Entry) => boolean {
  const tokens = foldTokens(i.query);
  const city = i.city ? fold(i.city) : null;
  // A token matches a client on its own text or on one of its contacts' (not archived).
  const withToken = few ? [] : tokens.map((t, k) => ix.clientsWithToken(t, k));
  const direct = few ? tokens : [];
  const contactHays = direct.length ? ix.contactHays() : null;
  const quality = i.quality ?? null;
  const bits = quality ? ix.contactBits() : null;
  const repId = i.repId || null;
  const noRep = i.repId === null;
  const segmentId = i.segmentId || null;
  const status = i.status || null;
  const parentId = i.parentId || null;
  return (e) => {
    if (e.archived) return false;
    if (repId !== null && e.repId !== repId) return false;
    if (scope !== null && (e.repId === null || !scope.has(e.repId))) return false;
    if (noRep && e.repId !== null) return false;
    if (segmentId !== null && e.segmentId !== segmentId) return false;
    if (status !== null && e.status !== status) return false;
    // A chain filter lists the parent company together with its outlets, whoever asks.
    if (parentId !== null && e.parentId !== parentId && e.id !== parentId) return false;
    if (city !== null && e.city !== city) return false;
    for (let k = 0; k < withToken.length; k++) if (withToken[k]![e.slot] !== 1) return false;
    for (let k = 0; k < direct.length; k++) {
      const t = direct[k]!;
      if (!e.hay.includes(t) && !contactHays![e.slot]?.includes(t)) return false;
    }
    if (quality !== null && !hasFlag(e, bits![e.slot] ?? 0, quality)) return false;
    return true;
  };
}

/** The filters as codes for the index's columns (without a scope or a chain filter). */
function columnFilter(ix: ClientSearchIndex, i: MatchInput): ColumnFilter {
  const code = (v: string | undefined) => (v ? ix.code(v) : NONE);
  const tokens = foldTokens(i.query);
  return {
    city: i.city ? ix.code(fold(i.city)) : NONE,
    rep: i.repId === null ? 0 : code(i.repId),
    segment: code(i.segmentId),
    status: code(i.status),
    marks: tokens.length ? [ix.clientsWithTokens(tokens)] : [],
    bits: i.quality ? ix.contactBits() : null,
    quality: i.quality ?? null,
  };
}

/** The clients the filters read from: the narrowest index they allow, else every client. */
function sourceOf(store: Store, scope: Set<string> | null, i: MatchInput): ClientRec[] | null {
  if (i.repId) return store.byIndex<ClientRec>('clients', 'repId', i.repId);
  if (scope) return [...scope].flatMap((rep) => store.byIndex<ClientRec>('clients', 'repId', rep));
  if (i.parentId) {
    const parent = store.get<ClientRec>('clients', i.parentId);
    const outlets = store.byIndex<ClientRec>('clients', 'parentId', i.parentId);
    return parent ? [parent, ...outlets] : outlets;
  }
  return null;
}

/** The clients the caller may see that match the filters, in the list's order. */
function sortedHits(ctx: HandlerContext, i: ListInput): Entry[] {
  const me = ctx.user();
  const locale = me.language ?? 'pl';
  const scope = repScope(ctx.store, me);
  const ix = searchIndexOf(ctx.store);
  ix.sync();
  const { offset: _o, limit: _l, ...filters } = i;
  const key = JSON.stringify([filters, locale, scope ? [...scope].sort() : null]);
  const cached = ix.cached(key);
  if (cached) return cached;
  const source = sourceOf(ctx.store, scope, i);
  let hits: Entry[];
  if (!source && !scope && !i.parentId) {
    hits = ix.filterOrder(ix.order(i.sort, i.dir, locale), columnFilter(ix, i));
  } else if (source && source.length * ix.fewFactor < ix.size) {
    const match = matcher(ix, scope, i, true);
    // A rep's or a chain's few clients: sorting them is cheaper than walking the whole order.
    hits = source.map((c) => ix.entry(c)).filter(match);
    hits.sort(comparator(i.sort, i.dir, locale));
  } else {
    hits = ix.order(i.sort, i.dir, locale).filter(matcher(ix, scope, i));
  }
  ix.remember(key, hits);
  return hits;
}

/** No filter at all (only the order and the page). */
function unfiltered(i: MatchInput): boolean {
  return (
    !foldTokens(i.query).length &&
    !i.city &&
    !i.quality &&
    i.repId === undefined &&
    !i.segmentId &&
    !i.status &&
    !i.parentId
  );
}

export function listClients(ctx: HandlerContext, i: ListInput): { rows: ClientRow[]; total: number } {
  const me = ctx.user();
  if (unfiltered(i) && repScope(ctx.store, me) === null) {
    // Every client not archived: the count is kept, the page is read off the order directly.
    const ix = searchIndexOf(ctx.store);
    ix.sync();
    const order = ix.order(i.sort, i.dir, me.language ?? 'pl');
    const rows: ClientRow[] = [];
    let skip = i.offset;
    for (let k = 0; k < order.length && rows.length < i.limit; k++) {
      const e = order[k]!;
      if (e.archived) continue;
      if (skip > 0) skip--;
      else rows.push(toRow(ctx.store, e.rec));
    }
    return { rows, total: ix.liveCount() };
  }
  const hits = sortedHits(ctx, i);
  return {
    rows: hits.slice(i.offset, i.offset + i.limit).map((e) => toRow(ctx.store, e.rec)),
    total: hits.length,
  };
}

/** Every matching id (in the order of the index the filters read from): "select all N matching". */
export function listClientIds(ctx: HandlerContext, i: MatchInput): { ids: string[] } {
  const scope = repScope(ctx.store, ctx.user());
  const ix = searchIndexOf(ctx.store);
  ix.sync();
  const few = sourceOf(ctx.store, scope, i);
  const match = matcher(ix, scope, i, !!few && few.length * ix.fewFactor < ix.size);
  const source = few ?? ctx.store.all<ClientRec>('clients');
  const ids: string[] = [];
  for (const c of source) if (match(ix.entry(c))) ids.push(c.id);
  return { ids };
}

function visibleClient(ctx: HandlerContext, id: string): ClientRec {
  const c = ctx.store.get<ClientRec>('clients', id);
  if (!c)
    throw new AppError('not_found', `Client ${id} not found`, {
      key: 'errors.client_not_found',
      details: { id },
    });
  const me = ctx.user();
  if (!inRepScope(repScope(ctx.store, me), c.repId)) {
    throw new AppError('forbidden', 'This client is not in your scope', {
      key: 'errors.client_out_of_scope',
      details: { id },
    });
  }
  return c;
}

type Loose = Record<string, unknown> & { id: string; createdAt: string };
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * The client's records, newest first. Each kind reads the fields its issue defines (visits: date
 * and status; calls: start; local actions: number and state; order lines: date and product), with
 * the record's creation time where a field is not there yet.
 */
/** Steps whose line names the step rather than the state it leads to. */
const STEP_STATUS: Readonly<Record<string, string>> = {
  create: 'created',
  register: 'registered',
  edit: 'edited',
};

export function timelineOf(store: Store, clientId: string): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const v of store.byIndex<Loose>('visits', 'clientId', clientId))
    items.push({
      kind: 'visit',
      id: v.id,
      at: str(v.date) ?? v.createdAt,
      summary: str(v.result) ?? str(v.notes) ?? '',
      status: str(v.status),
      userId: str(v.repId),
    });
  for (const c of store.byIndex<Loose>('calls', 'clientId', clientId))
    items.push({
      kind: 'call',
      id: c.id,
      at: str(c.startedAt) ?? c.createdAt,
      summary: str(c.number) ?? '',
      // The status's dictionary code (the screens label codes; the record holds the item's id).
      status: callStatusCode(store, str(c.statusId)),
      userId: str(c.userId),
    });
  for (const a of store.byIndex<Loose>('localActions', 'clientId', clientId)) {
    const summary = [str(a.number), str(a.title)].filter(Boolean).join(' ');
    // Every step of an action is its own line (PRODUCT.md §3: who decided what, when): registered,
    // recommended, approved, settled… A record without a history (an
    // import, a test fixture) as one line at its start date.
    const history = Array.isArray(a.history) ? (a.history as Array<Record<string, unknown>>) : [];
    if (!history.length)
      items.push({
        kind: 'action',
        id: a.id,
        at: str(a.startDate) ?? a.createdAt,
        summary,
        status: str(a.state),
        userId: str(a.repId),
      });
    for (const h of history)
      items.push({
        kind: 'action',
        id: a.id,
        at: str(h.at) ?? a.createdAt,
        summary,
        status: STEP_STATUS[String(h.event)] ?? str(h.to),
        userId: str(h.by),
      });
  }
  for (const o of store.byIndex<Loose>('orderLines', 'clientId', clientId)) {
    // A reverted import's lines are archived: they were never the client's orders.
    if (o.archived) continue;
    items.push({
      kind: 'order',
      id: o.id,
      at: str(o.date) ?? o.createdAt,
      // The product's catalogue name and the quantity ordered (a line stores the product's id).
      summary: orderSummary(store, o),
      status: null,
      userId: null,
    });
  }
  // Newest first; an action's steps taken in one transaction (created and registered) share their
  // instant, so ties fall back to the reverse of the order they were written in.
  const order = new Map(items.map((x, i) => [x, i]));
  return items.sort(
    (a, b) =>
      (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) ||
      (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) ||
      order.get(b)! - order.get(a)!,
  );
}

export function clientCard(ctx: HandlerContext, id: string): ClientCard {
  const c = visibleClient(ctx, id);
  const me = ctx.user();
  const parent = c.parentId ? ctx.store.get<ClientRec>('clients', c.parentId) : undefined;
  const siblings = c.parentId
    ? ctx.store.byIndex<ClientRec>('clients', 'parentId', c.parentId).filter((s) => s.id !== c.id)
    : ctx.store.byIndex<ClientRec>('clients', 'parentId', c.id);
  return {
    client: c,
    timeline: timelineOf(ctx.store, c.id),
    parent: parent ? toRow(ctx.store, parent) : null,
    siblings: siblings.map((s) => toRow(ctx.store, s)),
    contacts: contactsOf(ctx.store, c.id),
    quality: qualityOf(ctx.store, c).map((q) => ({ ...q, owner: QUALITY_OWNER[q.flag] })),
    canEdit: { company: isPrivileged(me.role), contactData: isPrivileged(me.role) },
  };
}

function invalid(issues: Array<{ path: (string | number)[]; message: string }>): AppError {
  return new AppError('validation', 'Invalid client data', {
    issues: issues.map((i) => ({ path: i.path, key: i.message, message: i.message })),
  });
}

/** References must point at real records of the right kind. */
export function checkRefs(
  store: Store,
  c: { parentId: string | null; segmentId: string | null; repId: string | null },
  selfId?: string,
): void {
  const issues: Array<{ path: string[]; message: string }> = [];
  if (c.parentId) {
    const p = store.get<ClientRec>('clients', c.parentId);
    // One level of chains: a parent company has outlets, an outlet has no outlets of its own.
    if (!p || p.id === selfId || p.parentId)
      issues.push({ path: ['parentId'], message: 'validation.parent_invalid' });
  }
  if (c.segmentId) {
    const d = store.get<DictionaryItem>('dictionaries', c.segmentId);
    if (!d || d.kind !== 'segment')
      issues.push({ path: ['segmentId'], message: 'validation.segment_unknown' });
  }
  if (c.repId) {
    const u = store.get<UserRecord>('users', c.repId);
    if (!u || u.role !== 'rep') issues.push({ path: ['repId'], message: 'validation.rep_unknown' });
  }
  if (issues.length) throw invalid(issues);
}

function uniqueToField(e: unknown): never {
  if (e instanceof AppError && e.key === 'errors.unique' && e.details?.field === 'externalCode') {
    throw new AppError('conflict', 'External code taken', {
      key: 'errors.external_code_taken',
      details: e.details,
      issues: [
        { path: ['externalCode'], key: 'validation.external_code_taken', message: 'External code taken' },
      ],
    });
  }
  throw e;
}

export async function createClient(
  ctx: HandlerContext,
  input: z.output<typeof ClientFields>,
): Promise<ClientCard> {
  const { value, issues } = normalizeClient(input);
  if (issues.length) throw invalid(issues);
  const rec = await ctx.store
    .transact({ userId: ctx.actorId() }, (tx) => {
      checkRefs(ctx.store, value);
      return insertAudited<ClientRec>(tx, 'clients', { ...value });
    })
    .catch(uniqueToField);
  return clientCard(ctx, rec.id);
}

/** Validates a patch against the whole record, as the form would: the normalised record to store. */
export function prepareClientUpdate(
  ctx: HandlerContext,
  id: string,
  patch: Record<string, unknown>,
): ClientInput {
  const cur = visibleClient(ctx, id);
  const merged = ClientFields.safeParse({
    ...cur,
    ...patch,
    address: { ...cur.address, ...((patch.address as object | undefined) ?? {}) },
  });
  if (!merged.success)
    throw new AppError('validation', 'Invalid client data', { issues: issuesFromZod(merged.error) });
  const { value, issues } = normalizeClient(merged.data);
  if (issues.length) throw invalid(issues);
  return value;
}

/** Inside a transaction: the checks that need the store, then the audited write. */
export function applyClientUpdate(ctx: HandlerContext, tx: Tx, id: string, value: ClientInput): void {
  checkRefs(ctx.store, value, id);
  patchAudited(tx, 'clients', id, { ...value });
}

export async function updateClient(
  ctx: HandlerContext,
  id: string,
  patch: Record<string, unknown>,
): Promise<ClientCard> {
  const value = prepareClientUpdate(ctx, id, patch);
  await ctx.store
    .transact({ userId: ctx.actorId() }, (tx) => applyClientUpdate(ctx, tx, id, value))
    .catch(uniqueToField);
  return clientCard(ctx, id);
}

export async function createContact(
  ctx: HandlerContext,
  input: z.output<typeof ContactFields>,
  status: 'confirmed' | 'proposed' = 'confirmed',
): Promise<ContactRec> {
  const client = visibleClient(ctx, input.clientId);
  const { value, issues } = normalizeContact(input, client.address.country);
  if (issues.length) throw invalid(issues);
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    insertAudited<ContactRec>(tx, 'contacts', { ...value, status, consents: {}, consentHistory: [] }),
  );
}

export function prepareContactUpdate(
  ctx: HandlerContext,
  id: string,
  patch: Record<string, unknown>,
): Omit<ContactInput, 'clientId'> {
  const cur = ctx.store.get<ContactRec>('contacts', id);
  if (!cur || cur.erased)
    throw new AppError('not_found', `Contact ${id} not found`, { key: 'errors.contact_not_found' });
  const client = visibleClient(ctx, cur.clientId);
  const merged = ContactFields.safeParse({ ...cur, ...patch });
  if (!merged.success)
    throw new AppError('validation', 'Invalid contact data', { issues: issuesFromZod(merged.error) });
  const { value, issues } = normalizeContact(merged.data, client.address.country);
  if (issues.length) throw invalid(issues);
  const { clientId: _c, ...fields } = value;
  return fields;
}

export async function updateContact(
  ctx: HandlerContext,
  id: string,
  patch: Record<string, unknown>,
): Promise<ContactRec> {
  const fields = prepareContactUpdate(ctx, id, patch);
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    patchAudited<ContactRec>(tx, 'contacts', id, fields),
  );
}

export { visibleClient };

export function history(ctx: HandlerContext, entityId: string) {
  const client = ctx.store.get<ClientRec>('clients', entityId);
  const contact = client ? undefined : ctx.store.get<ContactRec>('contacts', entityId);
  if (!client && !contact) throw new AppError('not_found', `No record ${entityId}`);
  visibleClient(ctx, client ? client.id : contact!.clientId);
  return ctx.store
    .byIndex<{
      id: string;
      at: string;
      userId: string;
      action: string;
      entity: string;
      entityId: string;
      field: string | null;
      old: unknown;
      new: unknown;
    }>('audit', 'entityId', entityId)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}

/** The operator's queue of unconfirmed contacts, oldest first, with the client they belong to. */
export function listProposed(ctx: HandlerContext) {
  return ctx.store
    .byIndex<ContactRec>('contacts', 'status', 'proposed')
    .filter((p) => !p.erased && !p.archived)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map((p) => {
      const c = ctx.store.get<ClientRec>('clients', p.clientId);
      return { contact: p, clientName: c?.name ?? '', clientCity: c?.address.city ?? '' };
    });
}
