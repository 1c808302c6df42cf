// Repeated failed sign-ins are slowed down: after three failures for one login, each further try
// must wait 2, 4, 8 … up to 60 seconds. Kept in memory: a restart resets it, which costs an
// attacker a restart per few guesses on a desk they already sit at — acceptable for a local app.
export class SignInThrottle {
  private failures = new Map<string, { count: number; last: number }>();
  constructor(private readonly now: () => number) {}

  /** Milliseconds the login must still wait before the next try (0 = go ahead). */
  waitMs(login: string): number {
    const f = this.failures.get(login);
    if (!f || f.count < 3) return 0;
    const wait = Math.min(60_000, 1000 * 2 ** (f.count - 2));
    return Math.max(0, f.last + wait - this.now());
  }
  fail(login: string): void {
    const f = this.failures.get(login) ?? { count: 0, last: 0 };
    this.failures.set(login, { count: f.count + 1, last: this.now() });
  }
  succeed(login: string): void {
    this.failures.delete(login);
  }
}
