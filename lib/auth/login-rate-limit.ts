// Failed console sign-ins are counted per account and per client IP in the SharedStore, so every
// replica sees the same counters. Once either reaches LOGIN_MAX_ATTEMPTS inside
// LOGIN_WINDOW_SECONDS, further attempts are refused without checking the password at all.
import { env } from "../env";
import { sharedStore } from "../store";

/** Thrown from `authorize`; next-auth passes the message to the sign-in page as `error`. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`TooManyAttempts:${Math.max(1, Math.ceil(retryAfterSeconds))}`);
    this.name = "LoginThrottledError";
  }
}

export function loginLimitKeys(email: string, ip: string | null): string[] {
  const keys = [`login-fail:account:${email.trim().toLowerCase()}`];
  // Without a known client address every caller would share one bucket and lock each other out.
  if (ip) keys.push(`login-fail:ip:${ip}`);
  return keys;
}

function windowMs(): number {
  return env().LOGIN_WINDOW_SECONDS * 1000;
}

/** Throws LoginThrottledError when the account or the IP has used up its failures. */
export async function assertLoginAllowed(email: string, ip: string | null): Promise<void> {
  const store = sharedStore();
  const max = env().LOGIN_MAX_ATTEMPTS;
  for (const key of loginLimitKeys(email, ip)) {
    if (Number((await store.get(key)) ?? 0) < max) continue;
    // Counting the refused attempt too is harmless (the window's expiry is fixed at its first
    // failure) and is the only way the store tells us how long the lockout still lasts.
    const { resetInMs } = await store.incrementWindow(key, windowMs());
    throw new LoginThrottledError(resetInMs / 1000);
  }
}

export async function recordLoginFailure(email: string, ip: string | null): Promise<void> {
  const store = sharedStore();
  await Promise.all(loginLimitKeys(email, ip).map((key) => store.incrementWindow(key, windowMs())));
}

/** A successful sign-in clears the account's counter; the IP's stays (it may be guessing others). */
export async function clearLoginFailures(email: string): Promise<void> {
  const [accountKey] = loginLimitKeys(email, null);
  await sharedStore().delete(accountKey);
}

/** The client address as the reverse proxy reports it; null when there is none. */
export function clientIpFrom(headers: Record<string, string | string[] | undefined> | Headers): string | null {
  const read = (name: string) => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwarded = read("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || read("x-real-ip")?.trim() || null;
}
