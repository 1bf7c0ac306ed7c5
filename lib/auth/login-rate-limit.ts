// Failed console sign-ins, counted in the SharedStore so every replica sees the same numbers.
// Three limits, checked before any password is looked at:
//   account + address  LOGIN_MAX_ATTEMPTS failures per LOGIN_WINDOW_SECONDS lock that pair for the
//                      rest of the window. Someone guessing from one address locks only themselves.
//   address            LOGIN_ADDRESS_MAX_ATTEMPTS failures across accounts lock the address (one
//                      address spraying many accounts).
//   account            LOGIN_ACCOUNT_MAX_ATTEMPTS failures from all addresses start a backoff for the
//                      account: each further failure locks it for twice as long as the one before
//                      (1 s, 2 s, 4 s, … at most the window). Addresses the account signed in from in
//                      the last KNOWN_ADDRESS_DAYS are exempt, so attackers spread over many addresses
//                      slow the guessing down without locking the real owner out of their usual place.
// The client address is the one the console's boundary trusts (lib/http/client-address.ts).
import { env } from "../env";
import { sharedStore } from "../store";

/** Thrown from `authorize`; next-auth passes the message to the sign-in page as `error`. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`TooManyAttempts:${Math.max(1, Math.ceil(retryAfterSeconds))}`);
    this.name = "LoginThrottledError";
  }
}

export const KNOWN_ADDRESS_DAYS = 30;
const MAX_BACKOFF_EXPONENT = 30;

const normalize = (email: string) => email.trim().toLowerCase();

export const loginKeys = {
  // Without a known address the pair falls back to one shared bucket per account, the safe side.
  pair: (email: string, ip: string | null) => `login-fail:pair:${normalize(email)}|${ip ?? "unknown"}`,
  address: (ip: string) => `login-fail:ip:${ip}`,
  account: (email: string) => `login-fail:account:${normalize(email)}`,
  accountLock: (email: string) => `login-lock:account:${normalize(email)}`,
  known: (email: string, ip: string) => `login-known:${normalize(email)}|${ip}`,
};

function windowMs(): number {
  return env().LOGIN_WINDOW_SECONDS * 1000;
}

async function assertUnderLimit(key: string, max: number): Promise<void> {
  const store = sharedStore();
  if (Number((await store.get(key)) ?? 0) < max) return;
  // Counting the refused attempt too is harmless (the window's expiry is fixed at its first
  // failure) and is the only way the store tells us how long the lockout still lasts.
  const { resetInMs } = await store.incrementWindow(key, windowMs());
  throw new LoginThrottledError(resetInMs / 1000);
}

/** Throws LoginThrottledError when this account from this address may not try now. */
export async function assertLoginAllowed(email: string, ip: string | null): Promise<void> {
  const config = env();
  const store = sharedStore();
  await assertUnderLimit(loginKeys.pair(email, ip), config.LOGIN_MAX_ATTEMPTS);
  if (ip) await assertUnderLimit(loginKeys.address(ip), config.LOGIN_ADDRESS_MAX_ATTEMPTS);
  const lockedUntil = Number((await store.get(loginKeys.accountLock(email))) ?? 0);
  const remainingMs = lockedUntil - Date.now();
  if (remainingMs <= 0) return;
  if (ip && (await store.get(loginKeys.known(email, ip))) !== null) return;
  throw new LoginThrottledError(remainingMs / 1000);
}

export async function recordLoginFailure(email: string, ip: string | null): Promise<void> {
  const store = sharedStore();
  const window = windowMs();
  const [account] = await Promise.all([
    store.incrementWindow(loginKeys.account(email), window),
    store.incrementWindow(loginKeys.pair(email, ip), window),
    ip ? store.incrementWindow(loginKeys.address(ip), window) : undefined,
  ]);
  const beyond = account.count - env().LOGIN_ACCOUNT_MAX_ATTEMPTS;
  if (beyond < 0) return;
  const lockMs = Math.min(window, 1000 * 2 ** Math.min(beyond, MAX_BACKOFF_EXPONENT));
  await store.set(loginKeys.accountLock(email), String(Date.now() + lockMs), lockMs);
}

/**
 * A successful sign-in clears this pair's counter and remembers the address for the account. The
 * address and account counters stay: the address may be guessing at others, and the account's
 * attackers elsewhere have not gone away.
 */
export async function recordLoginSuccess(email: string, ip: string | null): Promise<void> {
  const store = sharedStore();
  await store.delete(loginKeys.pair(email, ip));
  if (ip) await store.set(loginKeys.known(email, ip), "1", KNOWN_ADDRESS_DAYS * 24 * 60 * 60 * 1000);
}
