import type {
  Client,
  ConsentEvent,
  Contact,
  CorrectionRequest,
  PersonalExportFile,
} from '../../../shared/contract/clients.schema';
import { CONSENT_CHANNELS } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import { currentOffice } from '../office/office.service';
import type { AuditEntry } from '../audit/audit.service';
import { auditExport, patchAudited } from '../audit/audit.service';
import type { UserRecord } from '../users/users.service';
import { visibleClient } from './clients.service';
import { personalDataPdf } from './personal-data.pdf';

// Personal data of contact persons (PRODUCT.md §4, GDPR): consents per channel with their history,
// the export of everything stored about one person, and erasure on request. Erasure anonymises
// the person but keeps the records that point at them (visits, calls, counts stay right); the old
// values also leave the audit log, and the store's next checkpoint drops every older copy on disk
// (previous snapshot generation and journal) — see docs/adr/0005-erasure.md.

/** The fields that name or reach a person: what erasure blanks, in the record and in the history. */
export const PERSONAL_FIELDS = [
  'firstName',
  'surname',
  'position',
  'phones',
  'emails',
  'notes',
  'consentHistory',
] as const;

const ERASED_NAME = '—';

function liveContact(ctx: HandlerContext, id: string): Contact {
  const p = ctx.store.get<Contact>('contacts', id);
  if (!p || p.erased)
    throw new AppError('not_found', `Contact ${id} not found`, { key: 'errors.contact_not_found' });
  visibleClient(ctx, p.clientId);
  return p;
}

export async function setConsent(
  ctx: HandlerContext,
  i: { id: string; channel: ConsentEvent['channel']; granted: boolean; source: string },
): Promise<Contact> {
  const p = liveContact(ctx, i.id);
  const me = ctx.user();
  return ctx.store.transact({ userId: me.id }, (tx) => {
    const event: ConsentEvent = {
      channel: i.channel,
      granted: i.granted,
      at: tx.at,
      source: i.source,
      by: me.id,
    };
    // The history is the evidence: every decision is kept, also one that repeats the last.
    return patchAudited<Contact>(tx, 'contacts', p.id, {
      consents: { ...p.consents, [i.channel]: i.granted },
      consentHistory: [...p.consentHistory, event],
    });
  });
}

/** Everything Regio holds about one person, in the shape both export formats render. */
export interface PersonalDataReport {
  exportedAt: string;
  exportedBy: string;
  office: string | null;
  person: {
    id: string;
    firstName: string;
    surname: string;
    position: string;
    phones: string[];
    emails: string[];
    notes: string;
    status: Contact['status'];
    createdAt: string;
    updatedAt: string;
  };
  company: { id: string; name: string; taxId: string | null; address: Client['address'] };
  consents: Array<{ channel: string; state: 'granted' | 'refused' | 'not_asked' }>;
  consentHistory: Array<ConsentEvent & { byName: string }>;
  history: Array<{
    at: string;
    by: string;
    action: string;
    field: string | null;
    old: unknown;
    new: unknown;
  }>;
  corrections: Array<{
    at: string;
    by: string;
    field: string;
    proposedValue: string;
    status: string;
    decisionNote: string;
  }>;
  /** Calls and visits that name this person (filled as those records land). */
  related: Array<{ kind: string; id: string; at: string }>;
}

export function personalDataReport(ctx: HandlerContext, id: string): PersonalDataReport {
  const p = liveContact(ctx, id);
  const client = visibleClient(ctx, p.clientId);
  const nameOf = (userId: string) =>
    ctx.store.get<UserRecord>('users', userId)?.displayName ?? (userId === 'system' ? 'Regio' : userId);
  const byTime = <T extends { at: string }>(a: T, b: T) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
  const office = currentOffice(ctx.store);
  return {
    exportedAt: ctx.clock.now().toISOString(),
    exportedBy: ctx.user().displayName,
    office: office?.name ?? null,
    person: {
      id: p.id,
      firstName: p.firstName,
      surname: p.surname,
      position: p.position,
      phones: [...p.phones],
      emails: [...p.emails],
      notes: p.notes,
      status: p.status,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    },
    company: { id: client.id, name: client.name, taxId: client.taxId, address: client.address },
    consents: CONSENT_CHANNELS.map((channel) => ({
      channel,
      state: p.consents[channel] === undefined ? 'not_asked' : p.consents[channel] ? 'granted' : 'refused',
    })),
    consentHistory: p.consentHistory.map((e) => ({ ...e, byName: nameOf(e.by) })),
    history: ctx.store
      .byIndex<AuditEntry & { id: string }>('audit', 'entityId', p.id)
      .map((a) => ({
        at: a.at,
        by: nameOf(a.userId),
        action: a.action,
        field: a.field,
        old: a.old,
        new: a.new,
      }))
      .sort(byTime),
    corrections: ctx.store
      .byIndex<CorrectionRequest>('correctionRequests', 'clientId', p.clientId)
      .filter((r) => r.contactId === p.id)
      .map((r) => ({
        at: r.createdAt,
        by: nameOf(r.requestedBy),
        field: r.field,
        proposedValue: r.proposedValue,
        status: r.status,
        decisionNote: r.decisionNote,
      }))
      .sort(byTime),
    related: ctx.store
      .byIndex<{ id: string; startedAt?: string; createdAt: string }>('calls', 'contactId', p.id)
      .map((c) => ({ kind: 'call', id: c.id, at: c.startedAt ?? c.createdAt }))
      .sort(byTime),
  };
}

function safeFileName(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'contact'
  );
}

export async function exportPersonalData(
  ctx: HandlerContext,
  i: { id: string; format: 'json' | 'pdf' },
): Promise<PersonalExportFile> {
  const report = personalDataReport(ctx, i.id);
  const me = ctx.user();
  const bytes =
    i.format === 'json'
      ? Buffer.from(JSON.stringify(report, null, 2) + '\n', 'utf8')
      : await personalDataPdf(report, me.language ?? 'pl');
  // Recorded only once the file exists: an export that failed exported nothing.
  await ctx.store.transact({ userId: me.id }, (tx) =>
    auditExport(tx, {
      kind: `personal_data_${i.format}`,
      entity: 'contacts',
      entityId: i.id,
      count: 1,
    }),
  );
  const day = report.exportedAt.slice(0, 10);
  return {
    fileName: `${safeFileName(`${report.person.surname}-${report.person.firstName}`)}-${day}.${i.format}`,
    mime: i.format === 'json' ? 'application/json' : 'application/pdf',
    base64: bytes.toString('base64'),
  };
}

/**
 * Erases a person on request: the personal fields are blanked in the record, in every audit entry
 * about it and in the correction requests that quote it; the records that refer to the person stay
 * (so counts of visits and calls do not change). Then the store is asked to purge older copies.
 */
export async function eraseContact(ctx: HandlerContext, i: { id: string; reason: string }): Promise<Contact> {
  const p = liveContact(ctx, i.id);
  const me = ctx.user();
  const personal = new Set<string>(PERSONAL_FIELDS);
  const erased = await ctx.store.transact({ userId: me.id }, (tx) => {
    for (const a of ctx.store.byIndex<AuditEntry & { id: string }>('audit', 'entityId', p.id)) {
      if (a.field !== null && personal.has(a.field) && !(a.old === null && a.new === null))
        tx.patch('audit', a.id, { old: null, new: null, redacted: true });
    }
    for (const r of ctx.store.byIndex<CorrectionRequest>('correctionRequests', 'clientId', p.clientId)) {
      if (r.contactId === p.id)
        tx.patch('correctionRequests', r.id, { currentValue: null, proposedValue: '', note: '' });
    }
    // Not patchAudited: its per-field entries would write the old values into the log again.
    const rec = tx.patch<Contact>('contacts', p.id, {
      firstName: ERASED_NAME,
      surname: ERASED_NAME,
      position: '',
      phones: [],
      emails: [],
      notes: '',
      // What was decided and when stays (it was lawful then); where the words came from may name
      // the person, so it goes.
      consentHistory: p.consentHistory.map((e) => ({ ...e, source: '' })),
      erased: true,
      erasedAt: tx.at,
    });
    tx.insert('audit', {
      at: tx.at,
      userId: me.id,
      action: 'erase',
      entity: 'contacts',
      entityId: p.id,
      field: null,
      old: null,
      new: null,
      details: { reason: i.reason },
    });
    return rec;
  });
  // The journal and the previous snapshot generation still hold the old values: the checkpoint
  // started here writes a generation without them and then deletes every older copy.
  ctx.store.requestPurge().catch((e: unknown) => {
    // Not lost: the purge flag stays set and the next checkpoint retries it.
    void e;
  });
  return erased;
}
