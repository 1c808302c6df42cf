import type { BulkField, BulkUpdateResult, Client } from '../../../shared/contract/clients.schema';
import { BULK_FIELDS } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import type { HandlerContext } from '../app/handler-context';
import { patchAudited } from '../audit/audit.service';
import { inRepScope, repScope } from '../auth/scope';
import type { UserRecord } from '../users/users.service';

// Bulk edit of the selected clients' rep, segment or status (PRODUCT.md §4). The same function
// answers the preview (dryRun: what would change, per field and old value) and the change itself,
// so what the user confirmed is exactly what is applied — recomputed at apply time, in one
// transaction, one audit entry per changed field of each client.

type Patch = Partial<Record<BulkField, string | null>>;

function invalid(path: string, key: string): AppError {
  return new AppError('validation', 'Invalid bulk change', {
    issues: [{ path: ['patch', path], key, message: key }],
  });
}

export async function bulkUpdate(
  ctx: HandlerContext,
  i: { ids: string[]; patch: Patch; dryRun: boolean },
): Promise<BulkUpdateResult> {
  const me = ctx.user();
  const scope = repScope(ctx.store, me);
  const patch: Patch = {};
  for (const f of BULK_FIELDS) if (i.patch[f] !== undefined) patch[f] = i.patch[f];

  if (patch.repId) {
    const u = ctx.store.get<UserRecord>('users', patch.repId);
    if (!u || u.role !== 'rep' || !u.active) throw invalid('repId', 'validation.rep_unknown');
    // A manager hands clients only to the reps of their own teams.
    if (!inRepScope(scope, u.id)) throw invalid('repId', 'validation.rep_out_of_scope');
  }
  if (patch.repId === null && scope)
    // A manager who unassigned clients would lose sight of them: that is the operator's call.
    throw invalid('repId', 'validation.rep_required');
  if (patch.segmentId) {
    const d = ctx.store.get<DictionaryItem>('dictionaries', patch.segmentId);
    if (!d || d.kind !== 'segment' || !d.active) throw invalid('segmentId', 'validation.segment_unknown');
  }

  const ids = [...new Set(i.ids)];
  const clients: Client[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const c = ctx.store.get<Client>('clients', id);
    if (!c || c.archived || !inRepScope(scope, c.repId)) missing.push(id);
    else clients.push(c);
  }
  if (missing.length)
    throw new AppError('forbidden', 'Some selected clients are not yours to change', {
      key: 'errors.bulk_out_of_scope',
      details: { count: missing.length },
    });

  const plan = (): {
    changes: BulkUpdateResult['changes'];
    changed: Array<{ id: string; fields: Patch }>;
  } => {
    const groups = new Map<string, BulkUpdateResult['changes'][number]>();
    const changed: Array<{ id: string; fields: Patch }> = [];
    for (const c of clients) {
      const fields: Patch = {};
      for (const f of BULK_FIELDS) {
        const to = patch[f];
        if (to === undefined) continue;
        const from = (c[f] as string | null | undefined) ?? null;
        if (from === to) continue;
        fields[f] = to;
        const key = `${f}\u0000${from ?? ''}`;
        const g = groups.get(key);
        if (g) g.count++;
        else groups.set(key, { field: f, from, to, count: 1 });
      }
      if (Object.keys(fields).length) changed.push({ id: c.id, fields });
    }
    return {
      changes: [...groups.values()].sort(
        (a, b) => BULK_FIELDS.indexOf(a.field) - BULK_FIELDS.indexOf(b.field) || b.count - a.count,
      ),
      changed,
    };
  };

  const preview = plan();
  const result = (applied: boolean, p: ReturnType<typeof plan>): BulkUpdateResult => ({
    selected: clients.length,
    changed: p.changed.length,
    unchanged: clients.length - p.changed.length,
    changes: p.changes,
    applied,
  });
  if (i.dryRun || !preview.changed.length) return result(false, preview);

  return ctx.store.transact({ userId: me.id }, (tx) => {
    // Synchronous from the plan to the writes: nothing can change the clients in between.
    for (const { id, fields } of preview.changed) patchAudited(tx, 'clients', id, fields);
    return result(true, preview);
  });
}
