import type { PartialHandlers } from '../app/handler-table';
import { cancelJob } from '../app/jobs';
import { exportMailingList, mailingListOptions, previewMailingList } from './mailing-list.service';
import { exportReport } from './report-file.service';
import { exportVisitPlan } from './visit-plan.service';

// The exports of PRODUCT.md §7 (issue 9). Rights in permissions.ts; whose data a caller may export
// (a rep's own plan, a manager's team) is decided in the services, as for the screens they mirror.
export const exportHandlers: PartialHandlers<
  | 'exports:visitPlan'
  | 'exports:mailingListOptions'
  | 'exports:mailingListPreview'
  | 'exports:mailingList'
  | 'exports:report'
  | 'jobs:cancel'
> = {
  'exports:visitPlan': (ctx, i) => exportVisitPlan(ctx, i),
  'exports:mailingListOptions': (ctx) => mailingListOptions(ctx),
  'exports:mailingListPreview': (ctx, i) => previewMailingList(ctx, i.filter),
  'exports:mailingList': (ctx, i) => exportMailingList(ctx, i),
  'exports:report': (ctx, i) => exportReport(ctx, i),
  'jobs:cancel': (ctx, i) => cancelJob(ctx, i.jobId),
};
