import { z } from 'zod';
import { AppErrorData } from '../../shared/contract/errors';

// The messages between Electron's main process and the core's utility process. Both sides parse
// what they receive: the channel is ours, but a message that does not fit is a bug we want to see
// as an error result, never as an exception deep inside a handler.

const ReqId = z.number().int().nonnegative();
const SessionId = z.string().min(1).max(200);

export const CoreRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open-session'), reqId: ReqId }),
  z.object({
    type: z.literal('invoke'),
    reqId: ReqId,
    sessionId: SessionId,
    // Command names are checked against the contract by the dispatcher; here only their shape.
    command: z.string().max(200),
    input: z.unknown().optional(),
  }),
  z.object({ type: z.literal('close-session'), sessionId: SessionId }),
  z.object({ type: z.literal('shutdown') }),
]);
export type CoreRequest = z.infer<typeof CoreRequest>;

const ResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorData }),
]);

export const CoreMessage = z.discriminatedUnion('type', [
  /** The core opened its store and takes requests. */
  z.object({ type: z.literal('ready') }),
  /** The core could not start (e.g. the data folder is locked by another Regio); the process exits next. */
  z.object({ type: z.literal('fatal'), error: AppErrorData }),
  z.object({ type: z.literal('session-opened'), reqId: ReqId, sessionId: SessionId }),
  z.object({ type: z.literal('result'), reqId: ReqId, result: ResultSchema }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
  /** The store is closed and the journal flushed: the process may be killed now. */
  z.object({ type: z.literal('shutdown-complete') }),
]);
export type CoreMessage = z.infer<typeof CoreMessage>;

/** The arguments main passes to `utilityProcess.fork`. */
export interface CoreProcessArgs {
  dataDir: string;
  appVersion: string;
}

export function coreProcessArgv(a: CoreProcessArgs): string[] {
  return ['--data-dir', a.dataDir, '--app-version', a.appVersion];
}

/** Reads the arguments back wherever they sit in argv (Electron puts its own entries in front). */
export function parseCoreProcessArgs(argv: readonly string[]): CoreProcessArgs | null {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`${flag}=`));
    return eq?.slice(flag.length + 1);
  };
  const dataDir = value('--data-dir');
  if (!dataDir) return null;
  return { dataDir, appVersion: value('--app-version') ?? '0.0.0' };
}

export function errorResult(
  code: AppErrorData['code'],
  message: string,
  details?: Record<string, unknown>,
): { ok: false; error: AppErrorData } {
  return { ok: false, error: { code, key: `errors.${code}`, message, ...(details ? { details } : {}) } };
}
