import type { PartialHandlers } from '../app/handler-table';
import { addAttachment, getAttachment } from './attachments.service';
import { repCounters } from './counters.service';
import { updateTask } from './tasks.service';
import {
  agenda,
  cancelVisit,
  completeVisit,
  getVisit,
  planSeries,
  planVisit,
  updateVisit,
} from './visits.service';

// Visits, their tasks, photo attachments and the rep's counters (issue 6). Rights in
// permissions.ts; row scope (own visits, the team's) inside the services.
export const visitHandlers: PartialHandlers<
  | 'visits:plan'
  | 'visits:planSeries'
  | 'visits:update'
  | 'visits:complete'
  | 'visits:cancel'
  | 'visits:get'
  | 'visits:agenda'
  | 'tasks:update'
  | 'attachments:add'
  | 'attachments:get'
  | 'home:repCounters'
> = {
  'visits:plan': (ctx, i) => planVisit(ctx, i),
  'visits:planSeries': (ctx, i) => planSeries(ctx, i),
  'visits:update': (ctx, i) => updateVisit(ctx, i),
  'visits:complete': (ctx, i) => completeVisit(ctx, i),
  'visits:cancel': (ctx, i) => cancelVisit(ctx, i),
  'visits:get': (ctx, i) => getVisit(ctx, i.id),
  'visits:agenda': (ctx, i) => agenda(ctx, i),
  'tasks:update': (ctx, i) => updateTask(ctx, i),
  'attachments:add': (ctx, i) => addAttachment(ctx, i),
  'attachments:get': (ctx, i) => getAttachment(ctx, i),
  'home:repCounters': (ctx) => repCounters(ctx),
};
