import type { z } from 'zod';
import { contract, isCommandName } from '../../../shared/contract/commands';
import type { CommandName } from '../../../shared/contract/commands';
import { AppError, issuesFromZod } from '../../../shared/contract/errors';
import type { AppErrorData, Result } from '../../../shared/contract/errors';
import { allowed } from '../auth/permissions';
import type { Access } from '../auth/permissions';
import type { HandlerContext } from './handler-context';
import type { Handlers } from './handler-table';

export interface DispatchDeps {
  handlers: Handlers;
  /** Builds the context for one call; the session is resolved by the transport. */
  context: () => HandlerContext;
  permissions: Record<CommandName, Access>;
  historyLoaded: () => boolean;
  whenHistoryLoaded: () => Promise<void>;
  /** Checks in the output schema too (tests and development): a handler that returns the wrong shape is a bug. */
  checkOutput?: boolean;
  log?: (msg: string, err: unknown) => void;
}

export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  return { code: 'internal', key: 'errors.internal', message: e instanceof Error ? e.message : String(e) };
}

/**
 * parse input → rights (role × command) → wait for history if needed → handler → (check output).
 * Row scope and field rules are the services' part: they know which rows and fields a call touches.
 * Never throws: every failure becomes { ok: false, error } with a translation key.
 */
export async function dispatch(
  deps: DispatchDeps,
  command: unknown,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isCommandName(command)) {
    return {
      ok: false,
      error: new AppError('unknown_command', `Unknown command ${String(command)}`, {
        details: { command: String(command) },
      }).toData(),
    };
  }
  const spec = contract[command];
  // An omitted input means {} (commands without arguments); null or anything else is parsed as sent.
  const parsed = (spec.input as z.ZodType).safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) {
    return {
      ok: false,
      error: new AppError('validation', `Invalid input for ${command}`, {
        issues: issuesFromZod(parsed.error),
        details: { command },
      }).toData(),
    };
  }
  try {
    const ctx = deps.context();
    const user = ctx.maybeUser();
    const access = deps.permissions[command];
    if (!allowed(access, user?.role ?? null)) {
      throw user
        ? new AppError('forbidden', `${user.role} may not call ${command}`, {
            details: { command, role: user.role },
          })
        : new AppError('unauthenticated', `Sign in to call ${command}`, { details: { command } });
    }
    if (!('early' in spec && spec.early) && !deps.historyLoaded()) await deps.whenHistoryLoaded();
    const handler = deps.handlers[command] as (c: HandlerContext, i: unknown) => unknown;
    const data = await handler(ctx, parsed.data);
    if (deps.checkOutput) {
      const out = (spec.output as z.ZodType).safeParse(data);
      if (!out.success)
        throw new Error(`${command} returned a shape its contract does not allow: ${out.error.message}`);
    }
    return { ok: true, data };
  } catch (e) {
    if (!(e instanceof AppError)) deps.log?.(`${command} failed`, e);
    return { ok: false, error: toErrorData(e) };
  }
}

export type { CommandName };
