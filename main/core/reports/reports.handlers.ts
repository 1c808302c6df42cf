import type { PartialHandlers } from '../app/handler-table';
import { drillReport, reportScope, runReport } from './reports.service';

// The reports (issue 8). Rights: every signed-in role (permissions.ts); which kinds a role may run
// and whose figures it sees are decided in reports.service.ts (resolveScope).
export const reportHandlers: PartialHandlers<'reports:scope' | 'reports:run' | 'reports:drill'> = {
  'reports:scope': (ctx) => reportScope(ctx),
  'reports:run': (ctx, i) => runReport(ctx, i),
  'reports:drill': (ctx, i) => drillReport(ctx, i),
};
