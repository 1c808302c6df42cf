import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, contract } from '../../../shared/contract/commands';
import { fixedClock } from '../../../shared/domain/dates';
import { createCore } from './core';
import type { Core } from './core';

// Every command gets malformed input of every kind; each must answer with a validation error and
// leave the store exactly as it was (same seq, same record counts).

let core: Core;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'regio-fuzz-'));
  core = await createCore({
    dataDir: dir,
    clock: fixedClock('2026-11-23T09:00:00Z'),
    history: 'eager',
    checkOutput: true,
  });
  // A configured office, so that commands with state to damage have something to damage.
  const s = core.openSession();
  const r = await core.dispatch(s.id, 'setup:createOffice', {
    office: { name: 'Biuro Łódź', code: 'LDZ', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw' },
    admin: { login: 'admin', displayName: 'Anna', password: 'admin-123' },
  });
  expect(r.ok).toBe(true);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Anything at all, plus near-misses: objects with the right keys and wrong values. */
function malformed(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  const keys = shape ? Object.keys(shape) : [];
  const nearMiss = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), fc.anything({ maxDepth: 3 }), { minKeys: 1 })
    : fc.constant({ unexpected: true });
  return fc.oneof(
    fc.anything({ maxDepth: 4, withNullPrototype: true }),
    nearMiss,
    fc.string(),
    fc.array(fc.anything()),
  );
}

describe('contract fuzz', () => {
  for (const name of COMMAND_NAMES) {
    it(`${name}: malformed input gets a validation error and changes nothing`, async () => {
      const session = core.openSession();
      const schema = contract[name].input as z.ZodType;
      await fc.assert(
        fc.asyncProperty(malformed(schema), async (input) => {
          // The contract's one convenience: an omitted input (undefined) means {}.
          fc.pre(!schema.safeParse(input === undefined ? {} : input).success);
          const seq = core.store.seq;
          const counts = JSON.stringify(core.store.counts());
          const r = await core.dispatch(session.id, name, input);
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error.code).toBe('validation');
            expect(r.error.key).toBe('errors.validation');
            expect(r.error.issues?.length).toBeGreaterThan(0);
          }
          expect(core.store.seq).toBe(seq);
          expect(JSON.stringify(core.store.counts())).toBe(counts);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('an unknown command is refused with its own code', async () => {
    const s = core.openSession();
    const r = await core.dispatch(s.id, 'clients:dropAll', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('a call without a session is refused', async () => {
    const r = await core.dispatch('no-such-session', 'system:info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
