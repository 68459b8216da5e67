/**
 * Login rate limit: after `maxFailures` failed logins within `windowMs` for a key (a user name, a
 * client address), that key is refused until the window passes. In memory: per server process
 * (behind several processes, each counts its own; a shared limiter would go in the database).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: { readonly maxFailures?: number; readonly windowMs?: number; readonly now?: () => number } = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds until any of the keys may try again (0: now). */
  blockedFor(keys: readonly string[]): number {
    let wait = 0;
    for (const k of keys) {
      const times = this.recent(k);
      // A client address gets four times a name's allowance (an office behind one NAT).
      const limit = k.startsWith('ip:') ? this.maxFailures * 4 : this.maxFailures;
      if (times.length >= limit) wait = Math.max(wait, (times[times.length - limit] ?? 0) + this.windowMs - this.now());
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    const t = this.now();
    for (const k of keys) this.failures.set(k, [...this.recent(k), t]);
    // Bounded memory under a spray of names.
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(keys: readonly string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
