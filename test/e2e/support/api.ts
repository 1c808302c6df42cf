import type { Page } from 'playwright-core';

/** What the core answers an invoke over HTTP. */
export interface RawAnswer<T> {
  ok: boolean;
  data: T;
  error?: { code: string; key?: string };
}

/**
 * A command sent from inside the page, with the page's own session cookie: the core sees exactly
 * what the signed-in person's screens would send (used to check rights and to read what is stored).
 */
export async function rawCall<T = unknown>(
  page: Page,
  command: string,
  input: unknown,
): Promise<RawAnswer<T>> {
  return page.evaluate(
    async ([c, i]) => {
      const r = await fetch(`/api/invoke/${encodeURIComponent(c)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(i),
      });
      return (await r.json()) as RawAnswer<never>;
    },
    [command, input] as const,
  );
}
