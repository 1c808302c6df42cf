import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { REQUIRED_ORDER_TARGETS } from '../../../../shared/contract/orders.schema';
import type {
  OrderCommitResult,
  OrderImportMapping,
  OrderImportRecord,
  OrderImportSummary,
  OrderImportTarget,
  OrderPreset,
  OrderRevertResult,
  OrderUpload,
} from '../../../../shared/contract/orders.schema';
import type { RegioApi } from '../../api/regio-api';
import {
  historyActions,
  INITIAL_MAPPED_IMPORT,
  presetActions,
  runActions,
  signature,
  uploadActions,
} from '../imports-shared/mapped-import.store';
import type { MappedImportState } from '../imports-shared/mapped-import.store';

// The import of order lines from an ERP export (issue 8, PRODUCT.md §2 "Order line"). It walks the
// client import's steps — upload once, map, dry run, commit, revert — against the `orders:*`
// commands. As there, the commit needs a dry run of exactly the current upload and mapping (the
// "signature"), so nobody commits what they did not see. One store per screen mount.

export type OrdersImportState = MappedImportState<
  OrderImportTarget,
  OrderUpload,
  OrderPreset,
  OrderImportSummary,
  OrderCommitResult,
  OrderImportRecord,
  OrderRevertResult
>;

/** The required targets no column fills yet. */
export function missingTargets(mapping: OrderImportMapping): OrderImportTarget[] {
  return REQUIRED_ORDER_TARGETS.filter((t) => !mapping.includes(t));
}

/** Whether the dry run shown is of exactly the current upload and mapping. */
export function isStale(s: OrdersImportState): boolean {
  return (
    s.upload !== null && s.dryRun !== null && s.dryRunSignature !== signature(s.upload.uploadId, s.mapping)
  );
}

/** Whether the commit may go: a current dry run that found new lines, nothing under way. */
export function canCommit(s: OrdersImportState): boolean {
  return (
    s.upload !== null && s.dryRun !== null && s.progress === null && !isStale(s) && s.dryRun.counts.new > 0
  );
}

let jobSeq = 0;
function defaultJobId(): string {
  jobSeq += 1;
  return `orders-${Date.now().toString(36)}-${jobSeq}`;
}

export function createOrdersImportStore(
  api: RegioApi,
  newJobId: () => string = defaultJobId,
): StoreApi<OrdersImportState> {
  return createStore<OrdersImportState>()((set, get) => ({
    ...INITIAL_MAPPED_IMPORT,
    // Fresh, mutable lists of this store's own element types (the shared ones are readonly).
    presets: [],
    mapping: [],
    history: [],

    ...uploadActions<OrderImportTarget, OrderUpload>(set, get, (input) => api.call('orders:upload', input)),
    ...presetActions<OrderImportTarget, OrderPreset>(set, get, {
      list: () => api.call('orderPresets:list', {}),
      save: (input) => api.call('orderPresets:save', input),
      remove: (id) => api.call('orderPresets:delete', { id }),
    }),
    ...runActions<OrderImportTarget, OrderImportSummary, OrderCommitResult>(set, get, {
      newJobId,
      dryRun: (input) => api.call('orders:dryRun', input),
      commit: (input) => api.call('orders:commit', input),
      canCommit: () => canCommit(get()),
      afterCommit: () => void get().loadHistory(),
    }),
    ...historyActions<OrderImportRecord, OrderRevertResult>(set, get, {
      list: () => api.call('orders:imports', {}),
      revert: (id) => api.call('orders:revert', { id }),
    }),

    connect() {
      return api.on('job:progress', (e) => get().onProgress(e));
    },
  }));
}
