import type { CommandName, CommandOutput, ParsedInput } from '../../../shared/contract/commands';
import type { HandlerContext } from './handler-context';
import { actionHandlers } from '../actions/actions.handlers';
import { planHandlers } from '../plans/plans.handlers';
import { orderHandlers } from '../orders/orders.handlers';
import { reportHandlers } from '../reports/reports.handlers';
import { exportHandlers } from '../exports/exports.handlers';
import { authHandlers } from '../auth/auth.handlers';
import { backupHandlers } from '../backups/backups.handlers';
import { clientHandlers } from '../clients/clients.handlers';
import { importHandlers } from '../imports/imports.handlers';
import { catalogHandlers } from '../catalog/catalog.handlers';
import { visitHandlers } from '../visits/visits.handlers';
import { callHandlers } from '../calls/calls.handlers';
import { dictionaryHandlers } from '../dictionaries/dictionaries.handlers';
import { officeHandlers } from '../office/office.handlers';
import { userHandlers } from '../users/users.handlers';
import { systemHandlers } from '../system/system.handlers';

export type Handler<K extends CommandName> = (
  ctx: HandlerContext,
  input: ParsedInput<K>,
) => CommandOutput<K> | Promise<CommandOutput<K>>;
export type Handlers = { [K in CommandName]: Handler<K> };
export type PartialHandlers<K extends CommandName> = { [P in K]: Handler<P> };

// One table for every transport (Actual Budget's loot-core does the same): Electron IPC and the
// HTTP host both end in dispatch(), which ends here. The type makes a missing handler a compile
// error; handler-table.test.ts makes an extra one a test failure.
export const handlers: Handlers = {
  ...systemHandlers,
  ...officeHandlers,
  ...authHandlers,
  ...userHandlers,
  ...dictionaryHandlers,
  ...backupHandlers,
  ...clientHandlers,
  ...importHandlers,
  ...catalogHandlers,
  ...visitHandlers,
  ...callHandlers,
  ...actionHandlers,
  ...planHandlers,
  ...orderHandlers,
  ...reportHandlers,
  ...exportHandlers,
};
