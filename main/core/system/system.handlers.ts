import type { PartialHandlers } from '../app/handler-table';
import { SCHEMA_VERSION } from '../store/schema';

export const systemHandlers: PartialHandlers<'system:info' | 'system:storeStatus'> = {
  'system:info': (ctx) => ({
    appVersion: ctx.config.appVersion,
    schemaVersion: SCHEMA_VERSION,
    deviceId: ctx.store.deviceId,
    today: ctx.today(),
    timeZone: ctx.timeZone(),
    officeConfigured: ctx.store.count('offices') > 0,
    historyLoaded: ctx.store.historyLoaded,
  }),
  'system:storeStatus': (ctx) => {
    const s = ctx.store;
    return {
      seq: s.seq,
      checkpointSeq: s.checkpointSeq,
      generation: s.generation,
      journalBytes: s.journalBytes,
      records: s.historyLoaded ? s.counts() : {},
      repairs: s.repairs.map((r) => ({ kind: r.kind, detail: r.detail })),
      historyLoaded: s.historyLoaded,
    };
  },
};
