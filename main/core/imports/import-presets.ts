import { AppError } from '../../../shared/contract/errors';
import { fold } from '../../../shared/domain/text';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';

// Saved column mappings ("presets") of an import, kept in `imports` under a kind of their own
// ('preset:clients', 'preset:orders'), so each import lists only its own. A name is unique per kind
// (folded): saving under a taken name overwrites that preset. Deleting archives (audited).

export interface PresetColumn<T extends string> {
  header: string;
  index: number;
  target: T;
}

export interface Preset<T extends string> {
  id: string;
  name: string;
  columns: PresetColumn<T>[];
}

interface PresetRecord<T extends string> extends Preset<T> {
  kind: string;
  archived?: boolean;
}

export interface PresetService<T extends string> {
  list: (ctx: HandlerContext) => Preset<T>[];
  save: (ctx: HandlerContext, i: { name: string; columns: PresetColumn<T>[] }) => Promise<Preset<T>>;
  remove: (ctx: HandlerContext, id: string) => Promise<{ id: string }>;
}

export function presetService<T extends string>(kind: string): PresetService<T> {
  const list = (ctx: HandlerContext): Preset<T>[] => {
    ctx.user();
    return ctx.store
      .byIndex<PresetRecord<T>>('imports', 'kind', kind)
      .filter((p) => !p.archived)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ id: p.id, name: p.name, columns: p.columns }));
  };

  return {
    list,
    async save(ctx, i) {
      const me = ctx.user();
      const targets = i.columns.map((c) => c.target);
      if (new Set(targets).size !== targets.length)
        throw new AppError('validation', 'A field is mapped twice', { key: 'errors.import_mapping_twice' });
      const same = list(ctx).find((p) => fold(p.name) === fold(i.name));
      const rec = await ctx.store.transact({ userId: me.id }, (tx) =>
        same
          ? patchAudited<PresetRecord<T>>(tx, 'imports', same.id, { name: i.name, columns: i.columns })
          : insertAudited<PresetRecord<T>>(tx, 'imports', { kind, name: i.name, columns: i.columns }),
      );
      return { id: rec.id, name: rec.name, columns: rec.columns };
    },
    async remove(ctx, id) {
      const me = ctx.user();
      const p = ctx.store.get<PresetRecord<T>>('imports', id);
      if (!p || p.kind !== kind || p.archived)
        throw new AppError('not_found', 'No such preset', { key: 'errors.import_preset_not_found' });
      await ctx.store.transact({ userId: me.id }, (tx) =>
        patchAudited(tx, 'imports', id, { archived: true }),
      );
      return { id };
    },
  };
}
