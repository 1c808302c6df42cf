import { z } from 'zod';

/**
 * A patch: every field optional and absent unless sent. Not `.partial()`: zod keeps inner
 * `.default()`s there, so a patch of just the name would also reset repId, status and tags.
 */
export function patchOf<S extends z.ZodRawShape>(o: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(o.shape)) {
    const t = v as z.ZodType;
    shape[k] = (t instanceof z.ZodDefault ? (t.unwrap() as z.ZodType) : t).optional();
  }
  return z.object(shape).strict() as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<S[K]> }>;
}
