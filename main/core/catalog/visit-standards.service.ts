import type { z } from 'zod';
import type {
  StandardOverlap,
  VisitStandard,
  VisitStandardFields,
  VisitStandardRow,
} from '../../../shared/contract/catalog.schema';
import { AppError } from '../../../shared/contract/errors';
import { uuidv7 } from '../../../shared/domain/ids';
import { standardPrecedence } from '../../../shared/domain/task-generation';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import type { Store } from '../store/store';
import { segmentIssues } from './promotions.service';

// Visit standards (PRODUCT.md §2, issue 6): ordered steps for the clients of given segments, valid
// from/to. Every save writes a new VERSION of the standard's lineage and only flips the previous
// one's `current` flag, so the tasks of visits already done keep pointing at what they were made
// from. The visits' task generation reads the current versions (the collection's version changes
// with every save, which is what it watches).

type StandardInput = z.output<typeof VisitStandardFields>;

/** What decides between two standards that both match a client on a day. */
export interface StandardRank {
  lineageId: string;
  segmentIds: readonly string[];
  validFrom: string;
  createdAt: string;
}

/**
 * The standard that applies where two overlap: the rule task generation applies
 * (`standardPrecedence`: fewer segments, then the later validFrom, the newer record, the smaller
 * lineageId), so the admin's warning names the standard the visits actually get.
 */
export function winnerOf<T extends StandardRank>(a: T, b: T): T {
  return standardPrecedence(a, b) <= 0 ? a : b;
}

function currentStandards(store: Store): VisitStandard[] {
  const out: VisitStandard[] = [];
  for (const s of store.all<VisitStandard>('visitStandards')) if (s.current && !s.archived) out.push(s);
  return out;
}

/** Where `s` and `o` both apply: the segments they share and the days both are valid, or null. */
export function overlapOf(s: VisitStandard, o: VisitStandard): StandardOverlap | null {
  const theirs = new Set(o.segmentIds);
  const shared = s.segmentIds.filter((x) => theirs.has(x));
  if (!shared.length) return null;
  const from = s.validFrom > o.validFrom ? s.validFrom : o.validFrom;
  const to =
    s.validTo === null
      ? o.validTo
      : o.validTo === null
        ? s.validTo
        : s.validTo < o.validTo
          ? s.validTo
          : o.validTo;
  if (to !== null && to < from) return null;
  return {
    otherLineageId: o.lineageId,
    otherName: o.name,
    segmentIds: shared,
    from,
    to,
    winnerLineageId: winnerOf(s, o).lineageId,
  };
}

function rowOf(s: VisitStandard, all: readonly VisitStandard[]): VisitStandardRow {
  const overlaps: StandardOverlap[] = [];
  for (const o of all) {
    if (o.lineageId === s.lineageId) continue;
    const ov = overlapOf(s, o);
    if (ov) overlaps.push(ov);
  }
  return { standard: s, overlaps };
}

export function listStandards(ctx: HandlerContext): VisitStandardRow[] {
  const all = currentStandards(ctx.store).sort(
    (a, b) => a.name.localeCompare(b.name, 'pl') || a.lineageId.localeCompare(b.lineageId),
  );
  return all.map((s) => rowOf(s, all));
}

function lineage(store: Store, lineageId: string): VisitStandard[] {
  return store.byIndex<VisitStandard>('visitStandards', 'lineageId', lineageId);
}

function notFound(lineageId: string): AppError {
  return new AppError('not_found', `Visit standard ${lineageId} not found`, {
    details: { entity: 'visitStandards', id: lineageId },
  });
}

/** A new standard (version 1, its id is its lineage's id) or a new version of an existing one. */
export async function saveStandard(
  ctx: HandlerContext,
  i: { lineageId?: string | undefined; standard: StandardInput },
): Promise<VisitStandardRow> {
  const saved = await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const issues = segmentIssues(ctx.store, i.standard.segmentIds);
    if (issues.length) throw new AppError('validation', 'Invalid visit standard', { issues });
    const fields = { ...i.standard, segmentIds: [...new Set(i.standard.segmentIds)] };
    if (i.lineageId === undefined) {
      const id = uuidv7();
      return insertAudited<VisitStandard>(tx, 'visitStandards', {
        ...fields,
        id,
        lineageId: id,
        version: 1,
        current: true,
      });
    }
    const versions = lineage(ctx.store, i.lineageId);
    if (!versions.length) throw notFound(i.lineageId);
    if (versions.some((v) => v.archived))
      throw new AppError('conflict', 'The visit standard is archived', {
        key: 'errors.standard_archived',
        details: { lineageId: i.lineageId },
      });
    // Only the flag changes on the old versions: their steps stay what done visits were made from.
    for (const v of versions) if (v.current) patchAudited(tx, 'visitStandards', v.id, { current: false });
    return insertAudited<VisitStandard>(tx, 'visitStandards', {
      ...fields,
      lineageId: i.lineageId,
      version: Math.max(...versions.map((v) => v.version)) + 1,
      current: true,
    });
  });
  return rowOf(saved, currentStandards(ctx.store));
}

/** Archives every version of the lineage: it no longer generates tasks nor shows in the list. */
export async function archiveStandard(
  ctx: HandlerContext,
  lineageId: string,
): Promise<{ lineageId: string }> {
  await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    const versions = lineage(ctx.store, lineageId);
    if (!versions.length) throw notFound(lineageId);
    for (const v of versions) {
      if (!v.archived || v.current)
        patchAudited(tx, 'visitStandards', v.id, { archived: true, current: false });
    }
  });
  return { lineageId };
}

/** Every version of the lineage, newest first. */
export function standardHistory(ctx: HandlerContext, lineageId: string): VisitStandard[] {
  const versions = lineage(ctx.store, lineageId);
  if (!versions.length) throw notFound(lineageId);
  return versions.sort((a, b) => b.version - a.version);
}
