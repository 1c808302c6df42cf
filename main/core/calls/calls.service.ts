import type { z } from 'zod';
import type { Call, CallListInput, CallLogInput } from '../../../shared/contract/calls.schema';
import type { Client, Contact } from '../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type { Country } from '../../../shared/domain/contact-data';
import { normalizePhone } from '../../../shared/domain/contact-data';
import { isIsoDate } from '../../../shared/domain/dates';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited } from '../audit/audit.service';
import { repScope } from '../auth/scope';
import { visibleClient } from '../clients/clients.service';
import type { Store } from '../store/store';

// Calls logged by hand (PRODUCT.md §2 "Call", §5): two clicks — the client (and maybe a contact
// person) and a status from the admin's quick list; the number and the time are filled in here.

export type CallRec = Call & { archived?: boolean };

/**
 * A stored call as the contract shows it. Records written before every field existed (the demo
 * generator's `at`, no note or triage) are read with their defaults instead of failing the list.
 */
export function toCall(r: CallRec): Call {
  const loose = r as unknown as Record<string, unknown>;
  return {
    id: r.id,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    ...(r.archived !== undefined ? { archived: r.archived } : {}),
    clientId: r.clientId ?? null,
    contactId: r.contactId ?? null,
    userId: r.userId ?? null,
    startedAt: r.startedAt ?? (typeof loose.at === 'string' ? loose.at : r.createdAt),
    direction: r.direction ?? 'out',
    number: r.number ?? '',
    statusId: r.statusId ?? null,
    durationSec: r.durationSec ?? 0,
    source: r.source ?? 'manual',
    externalId: r.externalId ?? null,
    note: r.note ?? '',
    triage: r.triage ?? null,
    candidates: r.candidates ?? [],
  };
}

/** The office's country: numbers in telephony files are read in it (PLN → PL, CZK → CZ). */
export function officeCountry(store: Store): Country {
  const office = [...store.all<{ id: string; currency?: string; locale?: string }>('offices')][0];
  if (office?.currency === 'CZK' || office?.locale === 'cs') return 'CZ';
  return 'PL';
}

/** E.164 for a stored number: stored phones are E.164 already, older free text is normalised. */
export function e164(raw: string | null | undefined, country: Country): string | null {
  if (!raw) return null;
  if (/^\+\d{6,15}$/.test(raw)) return raw;
  return normalizePhone(raw, country);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffset(ms: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - (ms - (ms % 1000));
}

/**
 * A wall-clock time in a zone ('YYYY-MM-DD', 'HH:MM:SS') as a UTC ISO instant. Telephony exports
 * write the office's local time; the offset is found from a first guess and checked once more, so a
 * time just after a DST change gets the new offset. Cached per local hour (zones change on the hour
 * here), which keeps a 50 000-row import off Intl's slow path.
 */
export function localToUtc(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  const key = `${timeZone}|${date}T${h}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    const first = zoneOffset(guess, timeZone);
    const second = zoneOffset(guess - first, timeZone);
    off = second;
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return new Date(guess - off).toISOString();
}

export function callStatuses(store: Store): DictionaryItem[] {
  return store.byIndex<DictionaryItem>('dictionaries', 'kind', 'callStatus');
}

export function logCall(ctx: HandlerContext, i: z.output<typeof CallLogInput>): Promise<Call> {
  const me = ctx.user();
  const client = visibleClient(ctx, i.clientId);
  if (client.archived)
    throw new AppError('not_found', 'Client archived', {
      key: 'errors.client_not_found',
      details: { id: client.id },
    });
  let contact: Contact | undefined;
  if (i.contactId) {
    contact = ctx.store.get<Contact>('contacts', i.contactId);
    if (!contact || contact.clientId !== client.id || contact.archived || contact.erased)
      throw new AppError('not_found', 'No such contact person of this client', {
        key: 'errors.contact_not_found',
        details: { id: i.contactId },
      });
  }
  const status = ctx.store.get<DictionaryItem>('dictionaries', i.statusId);
  if (!status || status.kind !== 'callStatus' || !status.active)
    throw new AppError('validation', 'Unknown call status', {
      key: 'errors.call_status_unknown',
      details: { id: i.statusId },
    });
  const country = client.address.country;
  let number: string | null;
  if (i.number) {
    number = normalizePhone(i.number, country);
    if (!number)
      throw new AppError('validation', 'Not a phone number', {
        key: 'validation.phone',
        issues: [{ path: ['number'], key: 'validation.phone', message: 'validation.phone' }],
      });
  } else {
    // The person called is the first guess; a call "to the shop" uses the shop's own line.
    number = contact?.phones[0] ?? client.phone ?? null;
    if (number) number = e164(number, country) ?? number;
  }
  if (!number)
    throw new AppError('validation', 'No number to log the call with', {
      key: 'errors.call_no_number',
      details: { clientId: client.id, contactId: contact?.id ?? null },
    });
  const n = number;
  return ctx.store.transact({ userId: me.id }, (tx) =>
    toCall(
      insertAudited<CallRec>(tx, 'calls', {
        clientId: client.id,
        contactId: contact?.id ?? null,
        userId: me.id,
        startedAt: tx.at,
        direction: i.direction,
        number: n,
        statusId: status.id,
        durationSec: i.durationSec,
        source: 'manual',
        externalId: null,
        note: i.note,
        triage: null,
        candidates: [],
      }),
    ),
  );
}

/** A filter bound as an instant: a date is the start of that office day (`to`: of the next one). */
function bound(ctx: HandlerContext, v: string | undefined, end: boolean): number | null {
  if (!v) return null;
  if (isIsoDate(v)) {
    const ms = Date.parse(localToUtc(v, '00:00:00', ctx.timeZone()));
    return end ? Date.parse(localToUtc(nextDay(v), '00:00:00', ctx.timeZone())) : ms;
  }
  const ms = Date.parse(v);
  if (Number.isNaN(ms))
    throw new AppError('validation', 'Not a date', {
      key: 'errors.call_list_bound',
      details: { value: v },
    });
  return end ? ms + 1 : ms;
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

export function listCalls(ctx: HandlerContext, i: z.output<typeof CallListInput>): Call[] {
  const me = ctx.user();
  const store = ctx.store;
  const scope = repScope(store, me);
  let source: CallRec[];
  if (i.clientId) {
    visibleClient(ctx, i.clientId);
    source = store.byIndex<CallRec>('calls', 'clientId', i.clientId);
  } else if (scope === null) {
    source = [...store.all<CallRec>('calls')];
  } else {
    // A rep's calls: the ones they made, and the ones about their clients (someone else's too).
    const seen = new Map<string, CallRec>();
    for (const rep of scope) {
      for (const c of store.byIndex<CallRec>('calls', 'userId', rep)) seen.set(c.id, c);
      for (const cl of store.byIndex<Client>('clients', 'repId', rep))
        for (const c of store.byIndex<CallRec>('calls', 'clientId', cl.id)) seen.set(c.id, c);
    }
    source = [...seen.values()];
  }
  const from = bound(ctx, i.from, false);
  const to = bound(ctx, i.to, true);
  const rows: Array<{ ms: number; c: CallRec }> = [];
  for (const c of source) {
    if (c.archived) continue;
    const ms = Date.parse(toCall(c).startedAt);
    if (from !== null && ms < from) continue;
    if (to !== null && ms >= to) continue;
    rows.push({ ms, c });
  }
  rows.sort((a, b) => b.ms - a.ms || (a.c.id < b.c.id ? 1 : -1));
  return rows.slice(0, i.limit).map((r) => toCall(r.c));
}
