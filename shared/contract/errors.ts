import { z } from 'zod';

// Every error that crosses a boundary has a stable code, a translation key the renderer looks up in
// its language, an English message for logs, and details the translation may interpolate.
export const ERROR_CODES = [
  'validation',
  'unknown_command',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'illegal_transition',
  'budget_exceeded',
  'rate_limited',
  'store_failed',
  'store_locked',
  'not_ready',
  /** The caller stopped a long job (an export) before it finished: nothing was made or recorded. */
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  /** translation key for this one field's problem, e.g. 'validation.too_small' */
  key: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const AppErrorData = z.object({
  code: z.enum(ERROR_CODES),
  key: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  issues: z.array(FieldIssue).optional(),
});
export type AppErrorData = z.infer<typeof AppErrorData>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly key: string;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[] | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { key?: string; details?: Record<string, unknown>; issues?: FieldIssue[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.key = opts.key ?? `errors.${code}`;
    this.details = opts.details;
    this.issues = opts.issues;
  }
  toData(): AppErrorData {
    const d: AppErrorData = { code: this.code, key: this.key, message: this.message };
    if (this.details) d.details = this.details;
    if (this.issues) d.issues = this.issues;
    return d;
  }
}

/** Turns zod's issues into field issues with translation keys the UI can show at the field. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const params: Record<string, unknown> = {};
    if ('minimum' in i) params.minimum = i.minimum;
    if ('maximum' in i) params.maximum = i.maximum;
    if ('expected' in i) params.expected = i.expected;
    // Our own rules put their translation key in the message (e.g. 'validation.nip_checksum').
    const customKey = i.message.startsWith('validation.') ? i.message : undefined;
    return {
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      key: customKey ?? `validation.${i.code}`,
      message: i.message,
      ...(Object.keys(params).length ? { params } : {}),
    };
  });
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorData };
