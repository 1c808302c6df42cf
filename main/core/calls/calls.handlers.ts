import type { PartialHandlers } from '../app/handler-table';
import {
  deleteCallPreset,
  importCalls,
  listCallPresets,
  previewCallFile,
  saveCallPreset,
} from './call-import.service';
import { triageCall, triageList } from './call-triage.service';
import { getCallWatch, setCallWatch } from './call-watch.service';
import { listCalls, logCall } from './calls.service';

// Calls (issue 6): logged by hand, imported from telephony exports (also from the watched folder,
// started by the core), and the triage of numbers that matched no one or several clients.
export const callHandlers: PartialHandlers<
  | 'calls:log'
  | 'calls:list'
  | 'calls:preview'
  | 'calls:import'
  | 'callPresets:list'
  | 'callPresets:save'
  | 'callPresets:delete'
  | 'calls:watchGet'
  | 'calls:watchSet'
  | 'calls:triageList'
  | 'calls:triage'
> = {
  'calls:log': (ctx, i) => logCall(ctx, i),
  'calls:list': (ctx, i) => listCalls(ctx, i),
  'calls:preview': (ctx, i) => previewCallFile(ctx, i),
  'calls:import': (ctx, i) => importCalls(ctx, i),
  'callPresets:list': (ctx) => listCallPresets(ctx),
  'callPresets:save': (ctx, i) => saveCallPreset(ctx, i),
  'callPresets:delete': (ctx, i) => deleteCallPreset(ctx, i.id),
  'calls:watchGet': (ctx) => getCallWatch(ctx),
  'calls:watchSet': (ctx, i) => setCallWatch(ctx, i),
  'calls:triageList': (ctx) => triageList(ctx),
  'calls:triage': (ctx, i) => triageCall(ctx, i),
};
