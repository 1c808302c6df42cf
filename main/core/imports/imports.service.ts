import type { z } from 'zod';
import type { Client, ClientInput, Contact, ConsentEvent } from '../../../shared/contract/clients.schema';
import {
  ClientFields,
  ContactFields,
  normalizeClient,
  normalizeContact,
} from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError, issuesFromZod } from '../../../shared/contract/errors';
import type {
  ImportCommitResult,
  ImportCounts,
  ImportKeptField,
  ImportMapping,
  ImportParseOptions,
  ImportRecordOut,
  ImportRevertResult,
  ImportRowIssue,
  ImportRowResult,
  ImportRunInput,
  ImportSummary,
  ImportTarget,
  ImportUpload,
} from '../../../shared/contract/imports.schema';
import { IMPORT_MAX_BYTES } from '../../../shared/contract/imports.schema';
import type { Country } from '../../../shared/domain/contact-data';
import { probeDuplicatesGen } from '../../../shared/domain/duplicate-probe';
import type { ProbeCandidate, ProbeSuspect } from '../../../shared/domain/duplicate-probe';
import { normalizeIco, normalizeNip } from '../../../shared/domain/tax-ids';
import { nameSimilarity } from '../../../shared/domain/similarity';
import { fold } from '../../../shared/domain/text';
import type { HandlerContext } from '../app/handler-context';
import { runSliced } from '../app/sliced';
import { insertAudited, patchAudited } from '../audit/audit.service';
import { checkRefs } from '../clients/clients.service';
import type { Store, Tx } from '../store/store';
import type { UserRecord } from '../users/users.service';
import { parseImportFile, suggestMapping } from './import-file.parse';
import { presetService } from './import-presets';
import {
  importsNewestFirst as importsNewestFirstOf,
  listImportRecords,
  revertableRecord,
} from './import-records';
import { createUploadCache, uploadOut } from './upload-cache';
import type { CachedUpload } from './upload-cache';
import { isMangledNumber, parseLocalDate, parseStatus, parseYesNo, splitList } from './import-values';

// The import of clients and their contact persons (PRODUCT.md §4, issue 5). A file is uploaded
// once and kept for the session; a dry run and the commit both build the same plan, row by row,
// with the rules of the client and contact forms (the same zod schemas, normalisation and
// reference checks) and the duplicate rules of the scan; the commit writes the plan in ONE
// transaction and keeps what it changed (before → after) in an `imports` record, so the newest
// import can be reverted: fields changed since keep their newer values, and the revert says which.
//
// Upsert: a row names an existing client by its external code, or by its tax id where that names
// exactly one client (several: the row is an error, it cannot say which). Empty cells never erase
// a stored value. A row with contact columns adds a contact person to its client, or updates the
// one with the same name (or e-mail): phones and e-mails are added to theirs, not replaced.

const MAX_ROWS_OUT = 500;
const PRESET_KIND = 'preset:clients';
const IMPORT_KIND = 'clients';

type Upload = CachedUpload<Plan>;
const uploads = createUploadCache<Plan>();

// ---- upload ----

export async function uploadImport(
  ctx: HandlerContext,
  i: { fileName: string; data: string; options: ImportParseOptions },
): Promise<ImportUpload> {
  ctx.user();
  const bytes = Buffer.from(i.data, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES)
    throw new AppError('validation', 'The file is too big', {
      key: 'errors.import_too_big',
      details: { bytes: bytes.length, max: IMPORT_MAX_BYTES },
    });
  const parsed = await parseImportFile(new Uint8Array(bytes), i.fileName, i.options);
  return uploadOut(uploads.put(ctx, i.fileName, parsed), suggestMapping);
}

// ---- the plan ----

type ContactOut = z.output<typeof ContactFields>;

interface RowPlan {
  result: ImportRowResult;
  /** What to write; absent for errors and unchanged rows. */
  client?: { kind: 'new'; value: ClientInput } | { kind: 'update'; id: string; patch: Partial<ClientInput> };
  contact?:
    | { kind: 'new'; value: Omit<ContactOut, 'clientId'> }
    | { kind: 'update'; id: string; position: string | null; phones: string[]; emails: string[] };
  consent?: { granted: boolean; at: string | null };
}

interface Plan {
  rows: RowPlan[];
  counts: ImportCounts;
  contacts: { new: number; updated: number };
}

interface Lookups {
  country: Country;
  segments: Map<string, string>;
  reps: Map<string, string>;
}

function officeCountry(store: Store): Country {
  const office = [...store.all<{ id: string; currency?: string; locale?: string }>('offices')][0];
  if (office?.currency === 'CZK' || office?.locale === 'cs') return 'CZ';
  return 'PL';
}

function lookups(store: Store): Lookups {
  const segments = new Map<string, string>();
  for (const d of store.byIndex<DictionaryItem>('dictionaries', 'kind', 'segment')) {
    if (!d.active) continue;
    segments.set(fold(d.code), d.id);
    for (const label of Object.values(d.labels)) if (label) segments.set(fold(label), d.id);
  }
  const reps = new Map<string, string>();
  for (const u of store.byIndex<UserRecord>('users', 'role', 'rep')) {
    if (u.active === false) continue;
    for (const k of [u.repCode, u.login, u.displayName]) if (k) reps.set(fold(k), u.id);
  }
  return { country: officeCountry(store), segments, reps };
}

const COUNTRY_WORDS: Record<string, Country> = {
  pl: 'PL',
  pol: 'PL',
  polska: 'PL',
  poland: 'PL',
  polsko: 'PL',
  cz: 'CZ',
  cze: 'CZ',
  czechy: 'CZ',
  cesko: 'CZ',
  'ceska republika': 'CZ',
  czechia: 'CZ',
  'czech republic': 'CZ',
};

/** A zod / normalisation issue path → the import column it is about. */
function targetOfPath(path: readonly (string | number)[], contact: boolean): ImportTarget | null {
  const [a, b] = path;
  if (contact) {
    if (a === 'firstName') return 'contactFirstName';
    if (a === 'surname') return 'contactSurname';
    if (a === 'position') return 'contactPosition';
    if (a === 'phones') return 'contactPhone';
    if (a === 'emails') return 'contactEmail';
    return null;
  }
  if (a === 'address') {
    if (b === 'city' || b === 'street' || b === 'postalCode' || b === 'country') return b;
    return 'city';
  }
  const direct: Record<string, ImportTarget> = {
    name: 'name',
    taxId: 'taxId',
    regon: 'regon',
    dic: 'dic',
    phone: 'phone',
    email: 'email',
    tags: 'tags',
    segmentId: 'segment',
    repId: 'rep',
    parentId: 'parentCode',
    status: 'status',
    externalCode: 'externalCode',
  };
  return typeof a === 'string' ? (direct[a] ?? null) : null;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const CLIENT_FIELDS = [
  'name',
  'taxId',
  'regon',
  'dic',
  'parentId',
  'segmentId',
  'address',
  'phone',
  'email',
  'repId',
  'status',
  'externalCode',
  'tags',
] as const;

function normTax(taxId: string, country: Country): string | null {
  return country === 'PL' ? normalizeNip(taxId) : normalizeIco(taxId);
}

/**
 * The plan of an import, built in slices (a generator that yields every 100 rows): every row
 * checked exactly as the forms check, matched to the client it updates, and the new ones checked
 * for duplicates against the base and each other.
 */
function* planGen(
  store: Store,
  today: string,
  upload: Upload,
  mapping: ImportMapping,
  duplicates: 'skip' | 'import',
  onProgress: (done: number, total: number) => void,
): Generator<void, Plan> {
  const { parsed } = upload;
  const L = lookups(store);
  const todayOf = today;
  const cols = new Map<ImportTarget, number>();
  mapping.forEach((t, k) => {
    if (t && !cols.has(t) && k < parsed.headers.length) cols.set(t, k);
  });
  const total = parsed.rows.length * 2;
  const rows: RowPlan[] = [];
  const byCode = new Map<string, number>();
  const byClient = new Map<string, number>();
  /** New rows, for the duplicate probe (their index in `rows`). */
  const fresh: Array<{ at: number; cand: ProbeCandidate }> = [];

  for (let n = 0; n < parsed.rows.length; n++) {
    if (n % 100 === 99) {
      onProgress(n, total);
      yield;
    }
    const row = parsed.rows[n]!;
    const cell = (t: ImportTarget): string => {
      const k = cols.get(t);
      return k === undefined ? '' : (row.cells[k] ?? '').trim();
    };
    const issues: ImportRowIssue[] = [];
    const bad = (
      field: ImportTarget | null,
      key: string,
      value: string | null = field ? cell(field) : null,
    ) => issues.push({ field, key, value });
    const result: ImportRowResult = {
      row: row.line,
      outcome: 'error',
      name: cell('name'),
      clientId: null,
      issues,
      suspects: [],
      changes: [],
    };
    const plan: RowPlan = { result };
    rows.push(plan);
    // A row whose mapped cells are all empty says nothing: it is left out quietly.
    if ([...cols.keys()].every((t) => !cell(t))) {
      rows.pop();
      continue;
    }

    // Numbers Excel wrote in scientific notation lost digits: never guess them.
    for (const t of ['taxId', 'regon', 'phone', 'contactPhone', 'externalCode'] as const)
      if (cell(t) && isMangledNumber(cell(t))) bad(t, 'validation.import_number_mangled');

    // Country first: tax ids, postal codes and phones are read in it.
    let country = L.country;
    if (cell('country')) {
      const c = COUNTRY_WORDS[fold(cell('country'))];
      if (c) country = c;
      else bad('country', 'validation.import_country');
    }

    // Which client the row is about.
    let existing: Client | undefined;
    const code = cell('externalCode');
    if (code) {
      const prev = byCode.get(fold(code));
      if (prev !== undefined)
        bad('externalCode', 'validation.import_duplicate_row', String(rows[prev]!.result.row));
      else byCode.set(fold(code), rows.length - 1);
      existing = store.byUnique<Client>('clients', 'externalCode', code);
    }
    if (!existing && cell('taxId')) {
      const tax = normTax(cell('taxId'), country);
      if (tax) {
        const named = store.byIndex<Client>('clients', 'taxId', tax).filter((c) => !c.archived);
        // Outlets of a chain share their parent's tax id: then the tax id does not say which client.
        if (named.length === 1 && !code) {
          // The tax id names one client; a row with another name in another town is another
          // shop (a chain's new outlet, say), not a rename: it must say which by its code.
          const c = named[0]!;
          const otherName = !!cell('name') && nameSimilarity(cell('name'), c.name) < 0.5;
          const otherTown = !!cell('city') && fold(cell('city')) !== fold(c.address.city);
          if (otherName && otherTown) bad('taxId', 'validation.import_tax_id_other_client', c.name);
          else existing = c;
        } else if (named.length > 1 && !code) bad('taxId', 'validation.import_tax_id_ambiguous');
      }
    }
    if (existing?.archived) {
      bad('externalCode', 'validation.import_client_archived');
      existing = undefined;
    }
    if (existing) {
      result.clientId = existing.id;
      const prev = byClient.get(existing.id);
      if (prev !== undefined) bad(null, 'validation.import_duplicate_row', String(rows[prev]!.result.row));
      else byClient.set(existing.id, rows.length - 1);
      if (!result.name) result.name = existing.name;
    }

    // The client's fields: the stored ones, overridden by the row's non-empty cells.
    const base: Record<string, unknown> = existing
      ? { ...existing, address: { ...existing.address } }
      : {
          name: '',
          address: { street: '', city: '', postalCode: '', country },
          status: 'active',
          tags: [],
        };
    const addr = base.address as Record<string, unknown>;
    const put = (t: ImportTarget, f: string) => {
      if (cell(t)) base[f] = cell(t);
    };
    put('name', 'name');
    put('taxId', 'taxId');
    put('regon', 'regon');
    put('dic', 'dic');
    put('phone', 'phone');
    put('email', 'email');
    put('externalCode', 'externalCode');
    if (cell('street')) addr.street = cell('street');
    if (cell('city')) addr.city = cell('city');
    if (cell('postalCode')) addr.postalCode = cell('postalCode');
    if (cell('country')) addr.country = country;
    if (!existing && !cell('name')) bad('name', 'validation.import_required');
    if (!existing && !cell('city')) bad('city', 'validation.import_required');
    if (cell('segment')) {
      const id = L.segments.get(fold(cell('segment')));
      if (id) base.segmentId = id;
      else bad('segment', 'validation.segment_unknown');
    }
    if (cell('rep')) {
      const id = L.reps.get(fold(cell('rep')));
      if (id) base.repId = id;
      else bad('rep', 'validation.rep_unknown');
    }
    if (cell('status')) {
      const s = parseStatus(cell('status'));
      if (s) base.status = s;
      else bad('status', 'validation.import_status');
    }
    if (cell('tags')) {
      const tags = new Set([...((base.tags as string[] | undefined) ?? []), ...splitList(cell('tags'))]);
      base.tags = [...tags];
    }
    if (cell('parentCode')) {
      const parent = store.byUnique<Client>('clients', 'externalCode', cell('parentCode'));
      if (parent && !parent.archived) base.parentId = parent.id;
      else bad('parentCode', 'validation.import_parent_unknown');
    }

    // The form's rules: the schema, the normalisation, the references.
    let value: ClientInput | null = null;
    const parsedClient = ClientFields.safeParse(base);
    if (!parsedClient.success) {
      for (const i of issuesFromZod(parsedClient.error)) {
        const t = targetOfPath(i.path, false);
        if (!issues.some((x) => x.field === t)) bad(t, i.key);
      }
    } else {
      const norm = normalizeClient(parsedClient.data);
      for (const i of norm.issues) {
        const t = targetOfPath(i.path, false);
        if (!issues.some((x) => x.field === t)) bad(t, i.message);
      }
      if (!norm.issues.length) {
        value = norm.value;
        try {
          checkRefs(store, value, existing?.id);
        } catch (e) {
          if (!(e instanceof AppError) || !e.issues) throw e;
          for (const i of e.issues) bad(targetOfPath(i.path, false), i.key);
          value = null;
        }
      }
      // The external code is unique: a new row may not take one that a client already has.
      if (
        value &&
        !existing &&
        value.externalCode &&
        store.byUnique('clients', 'externalCode', value.externalCode)
      )
        bad('externalCode', 'validation.external_code_taken');
    }

    // The contact person, when the row has one.
    const contactTargets = [
      'contactFirstName',
      'contactSurname',
      'contactPosition',
      'contactPhone',
      'contactEmail',
      'contactEmailConsent',
      'contactConsentDate',
    ] as const;
    let contactValue: Omit<ContactOut, 'clientId'> | null = null;
    if (contactTargets.some((t) => cell(t))) {
      if (!cell('contactFirstName')) bad('contactFirstName', 'validation.import_contact_name');
      if (!cell('contactSurname')) bad('contactSurname', 'validation.import_contact_name');
      const parsedContact = ContactFields.safeParse({
        clientId: existing?.id ?? 'new',
        firstName: cell('contactFirstName'),
        surname: cell('contactSurname'),
        position: cell('contactPosition'),
        phones: splitList(cell('contactPhone')),
        emails: splitList(cell('contactEmail')),
      });
      if (!parsedContact.success) {
        for (const i of issuesFromZod(parsedContact.error)) {
          const t = targetOfPath(i.path, true);
          if (!issues.some((x) => x.field === t)) bad(t, i.key);
        }
      } else {
        // Phones are read in the client's country, as the contact form does (unless the row says another).
        const contactCountry = existing && !cell('country') ? existing.address.country : country;
        const norm = normalizeContact(parsedContact.data, contactCountry);
        for (const i of norm.issues) bad(targetOfPath(i.path, true), i.message);
        if (!norm.issues.length) {
          const { clientId: _c, ...fields } = norm.value;
          contactValue = fields;
        }
      }
      if (cell('contactEmailConsent')) {
        const granted = parseYesNo(cell('contactEmailConsent'));
        let at: string | null = null;
        if (cell('contactConsentDate')) {
          at = parseLocalDate(cell('contactConsentDate'));
          if (!at) bad('contactConsentDate', 'validation.import_date');
        }
        if (at && at > todayOf) bad('contactConsentDate', 'validation.import_date_future');
        if (granted === null) bad('contactEmailConsent', 'validation.import_yes_no');
        else plan.consent = { granted, at };
      } else if (cell('contactConsentDate') && !parseLocalDate(cell('contactConsentDate')))
        bad('contactConsentDate', 'validation.import_date');
    }

    if (issues.length || !value) {
      result.outcome = 'error';
      if (!issues.length) bad(null, 'validation.import_row');
      continue;
    }
    if (!result.name) result.name = value.name;

    // What changes.
    if (existing) {
      const patch: Record<string, unknown> = {};
      for (const f of CLIENT_FIELDS) {
        const v = (value as Record<string, unknown>)[f];
        if (!same(v, (existing as Record<string, unknown>)[f])) patch[f] = v;
      }
      result.changes = Object.keys(patch);
      if (result.changes.length) plan.client = { kind: 'update', id: existing.id, patch };
    } else {
      plan.client = { kind: 'new', value };
    }
    if (contactValue) {
      const known = existing
        ? store.byIndex<Contact>('contacts', 'clientId', existing.id).filter((p) => !p.archived && !p.erased)
        : [];
      const full = fold(`${contactValue.firstName} ${contactValue.surname}`);
      const emails = new Set(contactValue.emails.map((e) => e.toLowerCase()));
      const match =
        known.find((p) => fold(`${p.firstName} ${p.surname}`) === full) ??
        known.find((p) => p.emails.some((e) => emails.has(e.toLowerCase())));
      if (match) {
        const patch: Record<string, unknown> = {};
        if (contactValue.position && contactValue.position !== match.position)
          patch.position = contactValue.position;
        const phones = [...new Set([...match.phones, ...contactValue.phones])].slice(0, 5);
        if (!same(phones, match.phones)) patch.phones = phones;
        const lower = new Set(match.emails.map((e) => e.toLowerCase()));
        const mails = [
          ...match.emails,
          ...contactValue.emails.filter((e) => !lower.has(e.toLowerCase())),
        ].slice(0, 5);
        if (!same(mails, match.emails)) patch.emails = mails;
        // A consent the person already has in that state is no change (and no new history event).
        if (plan.consent && match.consents.email === plan.consent.granted) delete plan.consent;
        // A file dated before the person's last decision does not overturn it (a withdrawal in the
        // app stays withdrawn when an older export says "yes").
        const last = match.consentHistory.filter((e) => e.channel === 'email').at(-1);
        if (plan.consent && last && (plan.consent.at ?? todayOf) < last.at.slice(0, 10)) delete plan.consent;
        if (Object.keys(patch).length || plan.consent) {
          // What the row adds; the lists are merged again with the record as it is at the commit.
          plan.contact = {
            kind: 'update',
            id: match.id,
            position: contactValue.position || null,
            phones: contactValue.phones,
            emails: contactValue.emails,
          };
          result.changes.push('contact');
        }
      } else {
        plan.contact = { kind: 'new', value: contactValue };
        if (existing) result.changes.push('contact');
      }
    }
    if (!existing) {
      result.outcome = 'new';
      fresh.push({
        at: rows.length - 1,
        cand: {
          name: value.name,
          taxId: value.taxId,
          parentId: value.parentId,
          phone: value.phone,
          email: value.email,
          phones: contactValue?.phones ?? [],
          emails: contactValue?.emails ?? [],
          address: value.address,
        },
      });
    } else result.outcome = plan.client || plan.contact || plan.consent ? 'updated' : 'unchanged';
  }
  onProgress(parsed.rows.length, total);
  yield;

  // New rows against the base and each other: the scan's rules, only around the new rows.
  // Sliced like the rows (the probe yields every few hundred steps); its share of the progress bar
  // is not known in advance, so it creeps towards the end rather than jumping.
  const probe = probeDuplicatesGen(
    store.all<Client>('clients'),
    store.all<Contact>('contacts'),
    fresh.map((f) => f.cand),
  );
  let suspects: ProbeSuspect[][];
  for (let k = 1; ; k++) {
    const r = probe.next();
    if (r.done) {
      suspects = r.value;
      break;
    }
    if (k % 16 === 0)
      onProgress(parsed.rows.length + Math.floor(parsed.rows.length * (1 - 16 / (16 + k))), total);
    yield;
  }
  fresh.forEach((f, k) => {
    const s = suspects[k]!;
    if (!s.length) return;
    const r = rows[f.at]!.result;
    r.outcome = 'duplicate';
    r.suspects = s.slice(0, 5).map((x) => {
      if (x.clientId) {
        const c = store.get<Client>('clients', x.clientId);
        return { clientId: x.clientId, row: null, name: c?.name ?? '', reasons: x.reasons };
      }
      const other = rows[fresh[x.index!]!.at]!.result;
      return { clientId: null, row: other.row, name: other.name, reasons: x.reasons };
    });
    if (duplicates === 'skip') {
      delete rows[f.at]!.client;
      delete rows[f.at]!.contact;
      delete rows[f.at]!.consent;
    }
  });
  onProgress(total, total);

  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, duplicate: 0, error: 0 };
  const contacts = { new: 0, updated: 0 };
  for (const r of rows) {
    counts[r.result.outcome]++;
    if (r.contact?.kind === 'new') contacts.new++;
    else if (r.contact?.kind === 'update') contacts.updated++;
  }
  return { rows, counts, contacts };
}

function summaryOf(plan: Plan): ImportSummary {
  const first = plan.rows.filter((r) => r.result.outcome === 'error' || r.result.outcome === 'duplicate');
  const rest = plan.rows.filter((r) => r.result.outcome !== 'error' && r.result.outcome !== 'duplicate');
  return {
    counts: plan.counts,
    rows: [...first, ...rest].slice(0, MAX_ROWS_OUT).map((r) => r.result),
    contacts: plan.contacts,
  };
}

async function buildPlan(ctx: HandlerContext, i: ImportRunInput): Promise<{ upload: Upload; plan: Plan }> {
  ctx.user();
  const upload = uploads.get(ctx, i.uploadId);
  if (i.mapping.length > upload.parsed.headers.length)
    throw new AppError('validation', 'The mapping has more columns than the file', {
      key: 'errors.import_mapping_columns',
    });
  const mapped = i.mapping.filter((t): t is ImportTarget => t !== null);
  if (new Set(mapped).size !== mapped.length)
    throw new AppError('validation', 'A field is mapped twice', { key: 'errors.import_mapping_twice' });
  if (!mapped.length)
    throw new AppError('validation', 'No column is mapped', { key: 'errors.import_mapping_empty' });
  const jobId = i.jobId;
  let last = -1;
  const progress = (done: number, total: number) => {
    if (!jobId) return;
    const pct = Math.floor((done * 100) / Math.max(1, total));
    if (pct === last) return;
    last = pct;
    ctx.emit('job:progress', { jobId, done, total });
  };
  // The plan reads clients, contacts, segments and reps: while none of them changed, the dry run's
  // plan is the commit's (checked again inside the transaction where it matters).
  const st = ctx.store;
  const key = JSON.stringify([
    i.mapping,
    i.duplicates,
    ctx.today(),
    ...['clients', 'contacts', 'dictionaries', 'users'].map((c) => st.collection(c).version),
  ]);
  if (upload.lastPlan?.key === key) {
    progress(1, 1);
    return { upload, plan: upload.lastPlan.plan };
  }
  const plan = await runSliced(planGen(st, ctx.today(), upload, i.mapping, i.duplicates, progress));
  // Built in slices: kept only if nothing it read changed meanwhile.
  const after = JSON.stringify([
    i.mapping,
    i.duplicates,
    ctx.today(),
    ...['clients', 'contacts', 'dictionaries', 'users'].map((c) => st.collection(c).version),
  ]);
  if (after === key) upload.lastPlan = { key, plan };
  return { upload, plan };
}

export async function dryRunImport(ctx: HandlerContext, i: ImportRunInput): Promise<ImportSummary> {
  return summaryOf((await buildPlan(ctx, i)).plan);
}

// ---- commit and revert ----

/**
 * One field the import changed, before → after. `f` is a field, or a part of one: 'address.city'
 * (an address is changed and reverted street by street, city by city) and 'consents.email' (one
 * channel's consent: a later decision on another channel must not block the revert of this one).
 */
interface Change {
  e: 'clients' | 'contacts';
  id: string;
  f: string;
  /** Before and after the import (null: not set). */
  b: unknown;
  a: unknown;
}

interface ImportRecord {
  id: string;
  kind: string;
  createdAt: string;
  createdBy: string;
  fileName: string;
  counts: ImportCounts;
  contacts: { new: number; updated: number };
  createdClients: string[];
  createdContacts: string[];
  changes: Change[];
  revertedAt: string | null;
  revertedBy: string | null;
}

/** The value at a field or a part of one ('address.city', 'consents.email'). */
function valueAt(rec: Record<string, unknown>, f: string): unknown {
  const [head, part] = f.split('.') as [string, string | undefined];
  const v = rec[head];
  if (part === undefined) return v ?? null;
  return (v as Record<string, unknown> | undefined)?.[part] ?? null;
}

/** Patches with audit (action 'import') and remembers every field's (or address part's) before and after. */
function patchKept(
  tx: Tx,
  changes: Change[],
  e: Change['e'],
  id: string,
  patch: Record<string, unknown>,
): void {
  const before = tx.get<Record<string, unknown> & { id: string }>(e, id)!;
  for (const [f, a] of Object.entries(patch)) {
    if (f === 'address') {
      const was = before.address as Record<string, unknown>;
      for (const [k, v] of Object.entries(a as Record<string, unknown>))
        if (!same(was[k], v)) changes.push({ e, id, f: `address.${k}`, b: was[k] ?? null, a: v });
    } else if (!same(before[f], a)) changes.push({ e, id, f, b: before[f] ?? null, a });
  }
  patchAudited(tx, e, id, patch, 'import');
}

export async function commitImport(ctx: HandlerContext, i: ImportRunInput): Promise<ImportCommitResult> {
  const me = ctx.user();
  const up = uploads.get(ctx, i.uploadId);
  // A second press (or a second window of this session) while the first commit still checks the
  // rows would import the file twice: the upload is taken at once, before anything is awaited.
  if (up.committing)
    throw new AppError('conflict', 'This file is being imported already', {
      key: 'errors.import_in_progress',
    });
  up.committing = true;
  try {
    return await commitPlanned(ctx, me.id, i);
  } finally {
    up.committing = false;
  }
}

async function commitPlanned(
  ctx: HandlerContext,
  userId: string,
  i: ImportRunInput,
): Promise<ImportCommitResult> {
  const { upload, plan } = await buildPlan(ctx, i);
  const writes = plan.rows.filter((r) => r.client || r.contact || r.consent);
  if (!writes.length)
    throw new AppError('validation', 'Nothing to import', {
      key: 'errors.import_nothing',
      details: { counts: plan.counts },
    });
  const changed = (row: number) =>
    new AppError('conflict', 'A client changed during the import', {
      key: 'errors.import_changed_meanwhile',
      details: { row },
    });
  const rec = await ctx.store
    .transact({ userId }, (tx) => {
      const changes: Change[] = [];
      const createdClients: string[] = [];
      const createdContacts: string[] = [];
      const source = `import: ${upload.fileName}`;
      for (const r of writes) {
        let clientId = r.result.clientId;
        if (r.client?.kind === 'new') {
          const c = insertAudited<Client>(tx, 'clients', { ...r.client.value });
          createdClients.push(c.id);
          clientId = c.id;
        } else if (r.client?.kind === 'update') {
          const cur = tx.get<Client>('clients', r.client.id);
          // Changed while the plan was built (archived, merged): the commit refuses as a whole.
          if (!cur || cur.archived) throw changed(r.result.row);
          patchKept(tx, changes, 'clients', r.client.id, r.client.patch);
        }
        if (!clientId) continue;
        let contactId: string | null = null;
        if (r.contact?.kind === 'new') {
          const p = insertAudited<Contact>(tx, 'contacts', {
            ...r.contact.value,
            clientId,
            status: 'confirmed',
            consents: {},
            consentHistory: [],
          });
          createdContacts.push(p.id);
          contactId = p.id;
        } else if (r.contact?.kind === 'update') {
          const cur = tx.get<Contact>('contacts', r.contact.id);
          // Erased or moved meanwhile: never write personal data back into an erased person.
          if (!cur || cur.archived || cur.erased || cur.clientId !== clientId) throw changed(r.result.row);
          // The row's phones and e-mails are added to the person's as they are now.
          const patch: Record<string, unknown> = {};
          if (r.contact.position && r.contact.position !== cur.position) patch.position = r.contact.position;
          const phones = [...new Set([...cur.phones, ...r.contact.phones])].slice(0, 5);
          if (!same(phones, cur.phones)) patch.phones = phones;
          const lower = new Set(cur.emails.map((e) => e.toLowerCase()));
          const emails = [
            ...cur.emails,
            ...r.contact.emails.filter((e) => !lower.has(e.toLowerCase())),
          ].slice(0, 5);
          if (!same(emails, cur.emails)) patch.emails = emails;
          if (Object.keys(patch).length) patchKept(tx, changes, 'contacts', cur.id, patch);
          contactId = cur.id;
        }
        if (r.consent && contactId) {
          const p = tx.get<Contact>('contacts', contactId)!;
          if (p.consents.email !== r.consent.granted) {
            const event: ConsentEvent = {
              channel: 'email',
              granted: r.consent.granted,
              at: r.consent.at ?? tx.at,
              source,
              by: userId,
            };
            // A person the import creates is archived as a whole by a revert: only changes to
            // people who were there already are remembered.
            if (!createdContacts.includes(p.id))
              changes.push({
                e: 'contacts',
                id: p.id,
                f: 'consents.email',
                b: p.consents.email ?? null,
                a: r.consent.granted,
              });
            // The consent history is evidence: it is only ever appended to (also by a revert).
            patchAudited(
              tx,
              'contacts',
              p.id,
              {
                consents: { ...p.consents, email: r.consent.granted },
                consentHistory: [...p.consentHistory, event],
              },
              'import',
            );
          }
        }
      }
      return insertAudited<ImportRecord>(tx, 'imports', {
        kind: IMPORT_KIND,
        fileName: upload.fileName,
        counts: plan.counts,
        contacts: plan.contacts,
        createdClients,
        createdContacts,
        changes,
        revertedAt: null,
        revertedBy: null,
      });
    })
    .catch((e: unknown) => {
      if (e instanceof AppError && e.key === 'errors.unique')
        throw new AppError('conflict', 'A client changed during the import', {
          key: 'errors.import_changed_meanwhile',
          details: e.details,
        });
      throw e;
    });
  uploads.remove(ctx.store, upload.id);
  return { import: outOf(ctx.store, rec), summary: summaryOf(plan) };
}

function importsNewestFirst(store: Store): ImportRecord[] {
  return importsNewestFirstOf<ImportRecord>(store, IMPORT_KIND);
}

function outOf(store: Store, r: ImportRecord): ImportRecordOut {
  const newest = importsNewestFirst(store).find((x) => !x.revertedAt);
  return {
    id: r.id,
    at: r.createdAt,
    by: r.createdBy,
    fileName: r.fileName,
    counts: r.counts,
    contacts: r.contacts,
    revertedAt: r.revertedAt,
    revertedBy: r.revertedBy,
    revertable: !r.revertedAt && newest?.id === r.id,
  };
}

export function listImports(ctx: HandlerContext): ImportRecordOut[] {
  return listImportRecords(ctx, IMPORT_KIND, outOf);
}

/** Records that point at a client by clientId, other than what the import itself created. */
const REFERRING = ['visits', 'calls', 'localActions', 'orderLines', 'deals', 'correctionRequests'] as const;

interface AuditRow {
  id: string;
  at: string;
  field: string | null;
  old: unknown;
}

/**
 * Whether a record the import created differs now from how the import left it. Judged by values,
 * not by dates: each field changed after the import (per the audit log) is compared with its
 * value before its first such change, so a change that was undone since (a later import reverted,
 * say) does not count, and neither does a clock that did not move.
 */
function changedSince(store: Store, id: string, since: string): boolean {
  const first = new Map<string, unknown>();
  const entries = store
    .byIndex<AuditRow>('audit', 'entityId', id)
    .filter((a) => a.field !== null && a.at > since)
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : 1));
  for (const a of entries) if (!first.has(a.field!)) first.set(a.field!, a.old);
  const rec = store.get<Record<string, unknown> & { id: string }>('clients', id) ?? store.get('contacts', id);
  if (!rec) return false;
  for (const [f, old] of first) if (!same(rec[f] ?? null, old ?? null)) return true;
  return false;
}

export async function revertImport(ctx: HandlerContext, id: string): Promise<ImportRevertResult> {
  const me = ctx.user();
  const rec = revertableRecord<ImportRecord>(ctx.store, IMPORT_KIND, id);
  const newest = importsNewestFirst(ctx.store).find((x) => !x.revertedAt);
  if (newest?.id !== rec.id)
    throw new AppError('conflict', 'Only the newest import can be reverted', {
      key: 'errors.import_not_last',
    });
  const store = ctx.store;
  const nameOf = (e: Change['e'], rid: string): string => {
    if (e === 'clients') return store.get<Client>('clients', rid)?.name ?? '';
    const p = store.get<Contact>('contacts', rid);
    return p ? (store.get<Client>('clients', p.clientId)?.name ?? '') : '';
  };
  // Judged before the revert writes anything (its own writes are no "change since").
  const createdContacts = new Set(rec.createdContacts);
  const contactKept = new Set(
    rec.createdContacts.filter((pid) => {
      const p = store.get<Contact>('contacts', pid);
      return !!p && !p.archived && changedSince(store, pid, rec.createdAt);
    }),
  );
  const clientKept = new Set(
    rec.createdClients.filter((cid) => {
      const c = store.get<Client>('clients', cid);
      if (!c || c.archived) return false;
      return (
        changedSince(store, cid, rec.createdAt) ||
        REFERRING.some((col) => store.byIndex(col, 'clientId', cid).length > 0) ||
        store.byIndex('attachments', 'ownerId', cid).length > 0 ||
        store
          .byIndex<Contact>('contacts', 'clientId', cid)
          .some((p) => !p.archived && (!createdContacts.has(p.id) || contactKept.has(p.id))) ||
        store.byIndex<Client>('clients', 'parentId', cid).some((o) => !o.archived) ||
        // The survivor of a merge holds what the merged client had, even when nothing moved.
        store
          .byIndex<{ id: string; undoneAt?: string | null }>('merges', 'survivorId', cid)
          .some((m) => !m.undoneAt)
      );
    }),
  );
  return store.transact({ userId: me.id }, (tx) => {
    const kept: ImportKeptField[] = [];
    let restored = 0;
    let removed = 0;
    // Newest change first, so a field changed twice ends at its first value.
    for (const c of [...rec.changes].reverse()) {
      const cur = tx.get<Record<string, unknown> & { id: string }>(c.e, c.id);
      if (!cur) continue;
      const now = valueAt(cur, c.f);
      if (!same(now, c.a)) {
        kept.push({
          entity: c.e,
          id: c.id,
          name: nameOf(c.e, c.id),
          field: c.f,
          imported: c.a,
          current: now,
        });
        continue;
      }
      const [head, part] = c.f.split('.') as [string, string | undefined];
      if (c.e === 'contacts' && head === 'consents' && part) {
        // The consent goes back, and the history says so (it is only ever appended to). A consent
        // that was never asked before the import is recorded as withdrawn: the history cannot say
        // "not asked" after a "yes".
        const p = cur as unknown as Contact;
        const back = (c.b as boolean | null) ?? false;
        const event: ConsentEvent = {
          channel: part as ConsentEvent['channel'],
          granted: back,
          at: tx.at,
          source: `revert: ${rec.fileName}`,
          by: me.id,
        };
        patchAudited(
          tx,
          'contacts',
          c.id,
          { consents: { ...p.consents, [part]: back }, consentHistory: [...p.consentHistory, event] },
          'import',
        );
      } else if (part) {
        patchAudited(tx, c.e, c.id, { [head]: { ...(cur[head] as object), [part]: c.b ?? '' } }, 'import');
      } else patchAudited(tx, c.e, c.id, { [c.f]: c.b }, 'import');
      restored++;
    }
    for (const pid of rec.createdContacts) {
      const p = tx.get<Contact>('contacts', pid);
      if (!p || p.archived) continue;
      if (contactKept.has(pid)) {
        kept.push({
          entity: 'contacts',
          id: pid,
          name: nameOf('contacts', pid),
          field: 'created',
          imported: null,
          current: `${p.firstName} ${p.surname}`,
        });
        continue;
      }
      patchAudited(tx, 'contacts', pid, { archived: true }, 'import');
      removed++;
    }
    for (const cid of rec.createdClients) {
      const c = tx.get<Client>('clients', cid);
      if (!c) continue;
      if (c.archived) {
        // Merged into another client since: what it had lives on in the survivor.
        kept.push({
          entity: 'clients',
          id: cid,
          name: c.name,
          field: 'created',
          imported: null,
          current: c.mergedInto ?? null,
        });
        continue;
      }
      if (clientKept.has(cid)) {
        kept.push({
          entity: 'clients',
          id: cid,
          name: c.name,
          field: 'created',
          imported: null,
          current: c.name,
        });
        continue;
      }
      // Archived, with its external code freed so the same file can be imported again.
      patchAudited(
        tx,
        'clients',
        cid,
        { archived: true, revertedImportId: rec.id, externalCode: null },
        'import',
      );
      removed++;
    }
    const done = tx.patch<ImportRecord>('imports', rec.id, { revertedAt: tx.at, revertedBy: me.id });
    return { import: outOf(store, done), restored, removed, kept };
  });
}

// ---- presets ----

export const {
  list: listPresets,
  save: savePreset,
  remove: deletePreset,
} = presetService<ImportTarget>(PRESET_KIND);
