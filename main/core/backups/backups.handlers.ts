import type { PartialHandlers } from '../app/handler-table';
import { sessionState } from '../auth/auth.service';
import { previewBackup } from './backup.service';
import { nodeFileLayer } from '../store/file-layer';

export const backupHandlers: PartialHandlers<
  | 'backups:list'
  | 'backups:create'
  | 'backups:preview'
  | 'backups:restore'
  | 'backups:exportAll'
  | 'setup:importAll'
> = {
  'backups:list': (ctx) => ctx.data.listBackups(),
  'backups:create': (ctx) => ctx.data.backup('manual'),
  'backups:preview': (ctx, i) => previewBackup(nodeFileLayer, ctx.store.dir, i.id),
  'backups:restore': async (ctx, i) => {
    await ctx.data.restore(i.id);
    return sessionState(ctx);
  },
  'backups:exportAll': (ctx) => ctx.data.exportAll(),
  'setup:importAll': async (ctx, i) => {
    await ctx.data.importAll(i.fileName);
    return sessionState(ctx);
  },
};
