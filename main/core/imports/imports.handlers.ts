import type { PartialHandlers } from '../app/handler-table';
import {
  commitImport,
  deletePreset,
  dryRunImport,
  listImports,
  listPresets,
  revertImport,
  savePreset,
  uploadImport,
} from './imports.service';

export const importHandlers: PartialHandlers<
  | 'imports:upload'
  | 'imports:dryRun'
  | 'imports:commit'
  | 'imports:revert'
  | 'imports:list'
  | 'importPresets:list'
  | 'importPresets:save'
  | 'importPresets:delete'
> = {
  'imports:upload': (ctx, i) => uploadImport(ctx, i),
  'imports:dryRun': (ctx, i) => dryRunImport(ctx, i),
  'imports:commit': (ctx, i) => commitImport(ctx, i),
  'imports:revert': (ctx, i) => revertImport(ctx, i.id),
  'imports:list': (ctx) => listImports(ctx),
  'importPresets:list': (ctx) => listPresets(ctx),
  'importPresets:save': (ctx, i) => savePreset(ctx, i),
  'importPresets:delete': (ctx, i) => deletePreset(ctx, i.id),
};
