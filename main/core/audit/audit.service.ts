import type { Tx } from '../store/store';

// The audit log is a collection written in the same transaction as the change it describes
// (ARCHITECTURE.md): one entry per changed field with old → new, one per created record, one per
// export of personal data. History views read it by entityId.

export interface AuditEntry {
  id: string;
  at: string;
  userId: string;
  action: 'create' | 'update' | 'erase' | 'export' | 'merge' | 'import';
  entity: string;
  entityId: string;
  field: string | null;
  old: unknown;
  new: unknown;
  /** For exports: what was exported and how many records. */
  details?: Record<string, unknown>;
}

const SKIP = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function insertAudited<T extends { id: string }>(
  tx: Tx,
  entity: string,
  data: Record<string, unknown>,
): T {
  const rec = tx.insert<T>(entity, data);
  tx.insert('audit', {
    at: tx.at,
    userId: tx.userId,
    action: 'create',
    entity,
    entityId: rec.id,
    field: null,
    old: null,
    new: null,
  });
  return rec;
}

/** Patches a record and writes one audit entry per field that really changed. */
export function patchAudited<T extends { id: string }>(
  tx: Tx,
  entity: string,
  id: string,
  patch: Record<string, unknown>,
  action: AuditEntry['action'] = 'update',
): T {
  const before = tx.get<Record<string, unknown> & { id: string }>(entity, id);
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || SKIP.has(k)) continue;
    if (!before || !same(before[k], v)) changed[k] = v;
  }
  if (!Object.keys(changed).length) return before as unknown as T;
  const rec = tx.patch<T>(entity, id, changed);
  for (const [field, v] of Object.entries(changed)) {
    tx.insert('audit', {
      at: tx.at,
      userId: tx.userId,
      action,
      entity,
      entityId: id,
      field,
      old: before?.[field] ?? null,
      new: v,
    });
  }
  return rec;
}

export function auditExport(
  tx: Tx,
  what: {
    kind: string;
    entity: string;
    entityId: string;
    count: number;
    /** What else says what was exported: the filters, the period, the format. */
    extra?: Record<string, unknown>;
  },
): void {
  tx.insert('audit', {
    at: tx.at,
    userId: tx.userId,
    action: 'export',
    entity: what.entity,
    entityId: what.entityId,
    field: null,
    old: null,
    new: null,
    details: { ...what.extra, kind: what.kind, count: what.count },
  });
}
