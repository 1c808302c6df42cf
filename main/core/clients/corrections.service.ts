import type { Client, Contact, CorrectionRequest } from '../../../shared/contract/clients.schema';
import { CLIENT_CORRECTABLE, CONTACT_CORRECTABLE } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited } from '../audit/audit.service';
import { isPrivileged } from '../auth/scope';
import {
  applyClientUpdate,
  createContact,
  prepareClientUpdate,
  prepareContactUpdate,
  visibleClient,
} from './clients.service';
import { patchAudited } from '../audit/audit.service';

// Separation of duties (PRODUCT.md §1): the operator owns personal and contact data. A rep who
// finds it wrong files a correction request; the operator accepts it (the change is applied, in
// the same transaction, through the same validation as the form) or rejects it with a note back.

type Req = CorrectionRequest;

/** A correction as a patch on its record; phones and e-mails are whole lists, one per line. */
function asPatch(field: string, value: string): Record<string, unknown> {
  if (field === 'phones' || field === 'emails')
    return {
      [field]: value
        .split('\n')
        .map((v) => v.trim())
        .filter(Boolean),
    };
  if (field.startsWith('address.')) return { address: { [field.slice(8)]: value } };
  return { [field]: value === '' ? null : value };
}

function currentValue(rec: Record<string, unknown>, field: string): unknown {
  return field.startsWith('address.')
    ? (rec.address as Record<string, unknown> | undefined)?.[field.slice(8)]
    : rec[field];
}

/** Checks the proposed value as the operator's form would, so the queue holds only appliable fixes. */
function prepare(
  ctx: HandlerContext,
  r: { clientId: string; contactId: string | null; field: string; proposedValue: string },
) {
  const bad = (key: string) =>
    new AppError('validation', 'This correction cannot be filed', {
      issues: [{ path: ['field'], key, message: key }],
    });
  if (r.contactId) {
    if (!(CONTACT_CORRECTABLE as readonly string[]).includes(r.field))
      throw bad('validation.correction_field');
    const p = ctx.store.get<Contact>('contacts', r.contactId);
    if (!p || p.clientId !== r.clientId) throw bad('validation.correction_contact');
    try {
      return {
        patch: prepareContactUpdate(ctx, r.contactId, asPatch(r.field, r.proposedValue)),
        current: currentValue(p, r.field),
      };
    } catch (e) {
      throw moveToValue(e);
    }
  }
  if (!(CLIENT_CORRECTABLE as readonly string[]).includes(r.field)) throw bad('validation.correction_field');
  const c = visibleClient(ctx, r.clientId);
  try {
    return {
      patch: prepareClientUpdate(ctx, r.clientId, asPatch(r.field, r.proposedValue)),
      current: currentValue(c, r.field),
    };
  } catch (e) {
    throw moveToValue(e);
  }
}

/** The form's field error belongs on the correction's "proposed value" field. */
function moveToValue(e: unknown): unknown {
  if (e instanceof AppError && e.issues) {
    return new AppError(e.code, e.message, {
      key: e.key,
      details: e.details,
      issues: e.issues.map((i) => ({ ...i, path: ['proposedValue'] })),
    });
  }
  return e;
}

export async function fileCorrection(
  ctx: HandlerContext,
  i: { clientId: string; contactId: string | null; field: string; proposedValue: string; note: string },
): Promise<Req> {
  const me = ctx.user();
  const { current } = prepare(ctx, i);
  return ctx.store.transact({ userId: me.id }, (tx) =>
    insertAudited<Req>(tx, 'correctionRequests', {
      ...i,
      currentValue: current ?? null,
      requestedBy: me.id,
      status: 'open',
      decidedBy: null,
      decidedAt: null,
      decisionNote: '',
    }),
  );
}

export function listCorrections(ctx: HandlerContext, status?: Req['status']): Req[] {
  const me = ctx.user();
  const all = status
    ? ctx.store.byIndex<Req>('correctionRequests', 'status', status)
    : [...ctx.store.all<Req>('correctionRequests')];
  return all
    .filter((r) => isPrivileged(me.role) || r.requestedBy === me.id)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

function openRequest(ctx: HandlerContext, id: string): Req {
  const r = ctx.store.get<Req>('correctionRequests', id);
  if (!r)
    throw new AppError('not_found', `Correction ${id} not found`, { key: 'errors.correction_not_found' });
  if (r.status !== 'open')
    throw new AppError('conflict', 'This correction was decided already', {
      key: 'errors.correction_decided',
      details: { status: r.status },
    });
  return r;
}

export async function acceptCorrection(ctx: HandlerContext, id: string): Promise<Req> {
  const r = openRequest(ctx, id);
  // Validated again now: the record may have changed since the rep filed the request.
  const { patch } = prepare(ctx, r);
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    if (r.contactId) patchAudited(tx, 'contacts', r.contactId, patch);
    else applyClientUpdate(ctx, tx, r.clientId, patch as ReturnType<typeof prepareClientUpdate>);
    return patchAudited<Req>(tx, 'correctionRequests', id, {
      status: 'accepted',
      decidedBy: ctx.actorId(),
      decidedAt: tx.at,
    });
  });
}

export async function rejectCorrection(ctx: HandlerContext, id: string, note: string): Promise<Req> {
  openRequest(ctx, id);
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    patchAudited<Req>(tx, 'correctionRequests', id, {
      status: 'rejected',
      decidedBy: ctx.actorId(),
      decidedAt: tx.at,
      decisionNote: note,
    }),
  );
}

export async function proposeContact(
  ctx: HandlerContext,
  i: Parameters<typeof createContact>[1],
): Promise<Contact> {
  return createContact(ctx, i, 'proposed');
}

export async function confirmContact(
  ctx: HandlerContext,
  id: string,
  patch: Record<string, unknown> = {},
): Promise<Contact> {
  const p = ctx.store.get<Contact>('contacts', id);
  if (!p || p.erased)
    throw new AppError('not_found', `Contact ${id} not found`, { key: 'errors.contact_not_found' });
  const fields = prepareContactUpdate(ctx, id, patch);
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
    patchAudited<Contact>(tx, 'contacts', id, { ...fields, status: 'confirmed' }),
  );
}

export function queueCounts(ctx: HandlerContext): { openCorrections: number; proposedContacts: number } {
  return {
    openCorrections: ctx.store.byIndex('correctionRequests', 'status', 'open').length,
    proposedContacts: ctx.store
      .byIndex<Contact & { archived?: boolean }>('contacts', 'status', 'proposed')
      .filter((p) => !p.erased).length,
  };
}

export type { Client };
