import type { z } from 'zod';
import type { Call, CallTriageInput } from '../../../shared/contract/calls.schema';
import type { Client, Contact } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import { patchAudited } from '../audit/audit.service';
import type { CallRec } from './calls.service';
import { callStatuses, toCall } from './calls.service';

// The triage of imported calls (PRODUCT.md §5): numbers that matched no one, or several clients,
// wait here until the operator assigns them to a client (and maybe one of its contact persons) or
// marks them as a wrong number. Assigning does NOT add the number to the contact's phones: the
// triage says who this call was with, not that the number is theirs (a shop assistant calling from
// a private phone); the operator edits the contact when it is.

const OPEN = new Set(['unmatched', 'ambiguous']);

export function triageList(ctx: HandlerContext): Call[] {
  ctx.user();
  const out: CallRec[] = [];
  for (const c of ctx.store.all<CallRec>('calls'))
    if (!c.archived && c.triage && OPEN.has(c.triage)) out.push(c);
  return out
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1))
    .map(toCall);
}

export function triageCall(ctx: HandlerContext, i: z.output<typeof CallTriageInput>): Promise<Call> {
  const me = ctx.user();
  const store = ctx.store;
  const call = store.get<CallRec>('calls', i.id);
  if (!call || call.archived)
    throw new AppError('not_found', 'No such call', { key: 'errors.call_not_found', details: { id: i.id } });
  // A call that was matched on import has no triage to change; a triaged one can be triaged again
  // (a wrong key pressed in a list worked one keystroke per row).
  if (!call.triage)
    throw new AppError('conflict', 'This call needs no triage', {
      key: 'errors.call_not_in_triage',
      details: { id: i.id },
    });
  let patch: Record<string, unknown>;
  if (i.action === 'assign') {
    const client = store.get<Client>('clients', i.clientId);
    if (!client || client.archived)
      throw new AppError('not_found', 'No such client', {
        key: 'errors.client_not_found',
        details: { id: i.clientId },
      });
    if (i.contactId) {
      const p = store.get<Contact>('contacts', i.contactId);
      if (!p || p.clientId !== client.id || p.archived || p.erased)
        throw new AppError('not_found', 'No such contact person of this client', {
          key: 'errors.contact_not_found',
          details: { id: i.contactId },
        });
    }
    patch = {
      clientId: client.id,
      contactId: i.contactId,
      userId: client.repId ?? null,
      triage: 'resolved',
      candidates: [],
    };
  } else {
    const wrong = callStatuses(store).find((d) => d.code === 'wrong_number');
    patch = {
      clientId: null,
      contactId: null,
      userId: null,
      triage: 'wrong_number',
      ...(wrong ? { statusId: wrong.id } : {}),
    };
  }
  return store.transact({ userId: me.id }, (tx) =>
    toCall(patchAudited<CallRec>(tx, 'calls', call.id, patch)),
  );
}
