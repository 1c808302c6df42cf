import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { DataFileName } from '../../../shared/contract/backups.schema';
import { AppError } from '../../../shared/contract/errors';
import { currentOffice } from '../office/office.service';
import type { PartialHandlers } from '../app/handler-table';
import { sessionState } from '../auth/auth.service';
import { auditExport } from '../audit/audit.service';
import { deleteBackup, previewBackup } from './backup.service';
import { nodeFileLayer } from '../store/file-layer';

export const backupHandlers: PartialHandlers<
  | 'backups:list'
  | 'backups:create'
  | 'backups:preview'
  | 'backups:restore'
  | 'backups:exportAll'
  | 'backups:delete'
  | 'setup:importAll'
  | 'setup:incomingFiles'
> = {
  'backups:list': (ctx) => ctx.data.listBackups(),
  'backups:create': (ctx) => ctx.data.backup('manual'),
  'backups:preview': (ctx, i) => previewBackup(nodeFileLayer, ctx.store.dir, i.id),
  'backups:restore': async (ctx, i) => {
    await ctx.data.restore(i.id);
    return sessionState(ctx);
  },
  'backups:exportAll': async (ctx) => {
    const r = await ctx.data.exportAll();
    // The file holds every person's data: like any export of personal data, it is in the audit log.
    const office = currentOffice(ctx.store);
    await ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
      auditExport(tx, {
        kind: 'office_export',
        entity: 'offices',
        entityId: office?.id ?? 'office',
        count: r.records,
      }),
    );
    return r;
  },
  'backups:delete': async (ctx, i) => {
    await deleteBackup(nodeFileLayer, ctx.store.dir, i.id);
    return ctx.data.listBackups();
  },
  'setup:incomingFiles': async (ctx) => {
    // Before the office exists only: afterwards nobody signed out should learn the data folder's path.
    if (currentOffice(ctx.store))
      throw new AppError('conflict', 'The office is set up already', { key: 'errors.office_exists' });
    const folder = path.join(ctx.store.dir, 'incoming');
    const names = await readdir(folder).catch(() => [] as string[]);
    const files = [];
    for (const fileName of names.filter((n) => DataFileName.safeParse(n).success).sort()) {
      const st = await stat(path.join(folder, fileName)).catch(() => null);
      if (st?.isFile()) files.push({ fileName, bytes: st.size, modifiedAt: st.mtime.toISOString() });
    }
    return { folder, files };
  },
  'setup:importAll': async (ctx, i) => {
    await ctx.data.importAll(i.fileName);
    return sessionState(ctx);
  },
};
