import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { createTestUser } from "../http/admin-test-support";
import { sharedStore } from "../store";
import { uniqueSuffix } from "../../test/support/test-ids";
import { AccountDisabledError, authorizeCredentials } from "./credentials";
import { LoginThrottledError, loginKeys } from "./login-rate-limit";

// Each sign-in hashes at scrypt N=2^17 (~0.3 s, two at a time); these tests make dozens of them, which
// on a busy 2-core machine takes longer than the default 20 s.
const SIGN_IN_TEST_TIMEOUT_MS = 90_000;

const PASSWORD = "s3cret-passw0rd";

beforeAll(() => {
  process.env.LOGIN_MAX_ATTEMPTS = "3";
  process.env.LOGIN_ADDRESS_MAX_ATTEMPTS = "6";
  process.env.LOGIN_ACCOUNT_MAX_ATTEMPTS = "5";
  process.env.LOGIN_WINDOW_SECONDS = "600";
  resetEnvCache();
});

afterEach(() => {
  vi.useRealTimers();
});

const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;
const signIn = (email: string, password: string, from: string) => authorizeCredentials({ email, password, ip: from });

describe("authorizeCredentials", { timeout: SIGN_IN_TEST_TIMEOUT_MS }, () => {
  it("signs in with the right password (email case-insensitive) and refuses a wrong one", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    const ok = await signIn(user.email.toUpperCase(), PASSWORD, ip());
    expect(ok).toMatchObject({ id: user.id, email: user.email, role: "viewer", orgId: user.orgId });
    expect(await signIn(user.email, "wrong", ip())).toBeNull();
    expect(await signIn(`nobody-${uniqueSuffix()}@x.local`, PASSWORD, ip())).toBeNull();
  });

  it("refuses users without a password and disabled users", async () => {
    const apiOnly = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    expect(await signIn(apiOnly.email, "anything-at-all", ip())).toBeNull();
    const disabled = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD, disabled: true });
    await expect(signIn(disabled.email, PASSWORD, ip())).rejects.toBeInstanceOf(AccountDisabledError);
  });
});

describe("sign-in limits", { timeout: SIGN_IN_TEST_TIMEOUT_MS }, () => {
  it("locks the account only for the address that guessed: the owner elsewhere still signs in", async () => {
    const user = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD });
    const attacker = ip();
    for (let i = 0; i < 3; i++) expect(await signIn(user.email, "nope", attacker)).toBeNull();
    const locked = signIn(user.email, PASSWORD, attacker);
    await expect(locked).rejects.toBeInstanceOf(LoginThrottledError);
    await expect(locked).rejects.toThrow(/^TooManyAttempts:\d+$/);
    expect(await signIn(user.email, PASSWORD, ip())).toMatchObject({ id: user.id });
  });

  it("locks an address that guesses across accounts", async () => {
    const attacker = ip();
    for (let i = 0; i < 6; i++) await signIn(`guess-${uniqueSuffix()}@x.local`, "nope", attacker);
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    await expect(signIn(user.email, PASSWORD, attacker)).rejects.toBeInstanceOf(LoginThrottledError);
    expect(await signIn(user.email, PASSWORD, ip())).not.toBeNull();
  });

  it("clears the pair's counter after a successful sign-in", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    const from = ip();
    for (let i = 0; i < 2; i++) await signIn(user.email, "nope", from);
    expect(await signIn(user.email, PASSWORD, from)).not.toBeNull();
    for (let i = 0; i < 2; i++) await signIn(user.email, "nope", from);
    expect(await signIn(user.email, PASSWORD, from)).not.toBeNull();
  });

  it("backs off account-wide once many addresses failed, doubling each time, sparing the owner's known address", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const user = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD });
    const home = ip();
    expect(await signIn(user.email, PASSWORD, home)).not.toBeNull(); // the owner's usual address

    // Four failures from four addresses: under every limit so far.
    for (let i = 0; i < 4; i++) expect(await signIn(user.email, "nope", ip())).toBeNull();
    expect(await signIn(user.email, PASSWORD, ip())).not.toBeNull();
    // The fifth (LOGIN_ACCOUNT_MAX_ATTEMPTS) starts the backoff: 1 s, for every address but known ones.
    expect(await signIn(user.email, "nope", ip())).toBeNull();
    await expect(signIn(user.email, PASSWORD, ip())).rejects.toThrow("TooManyAttempts:1");
    expect(await signIn(user.email, PASSWORD, home)).toMatchObject({ id: user.id });

    vi.advanceTimersByTime(1_001);
    expect(await signIn(user.email, "nope", ip())).toBeNull(); // the next failure: 2 s
    await expect(signIn(user.email, PASSWORD, ip())).rejects.toThrow("TooManyAttempts:2");
    vi.advanceTimersByTime(2_001);
    expect(await signIn(user.email, "nope", ip())).toBeNull(); // then 4 s
    const lockedUntil = Number(await sharedStore().get(loginKeys.accountLock(user.email)));
    expect(lockedUntil - Date.now()).toBe(4_000);
    expect(await signIn(user.email, PASSWORD, home)).toMatchObject({ id: user.id });
  });

  it("never locks the account for longer than the window", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    // Many failures already counted (as if from many addresses over the window).
    for (let i = 0; i < 30; i++) await sharedStore().incrementWindow(loginKeys.account(user.email), 600_000);
    expect(await signIn(user.email, "nope", ip())).toBeNull();
    const lockedUntil = Number(await sharedStore().get(loginKeys.accountLock(user.email)));
    expect(lockedUntil - Date.now()).toBe(600_000);
  });
});

describe("password hashes", { timeout: SIGN_IN_TEST_TIMEOUT_MS }, () => {
  it("re-hashes a password stored with older scrypt parameters at the next sign-in", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    // The format Tollgate stored before: N=2^15.
    const legacy = await legacyHash(PASSWORD);
    await db().user.update({ where: { id: user.id }, data: { passwordHash: legacy } });
    expect(await signIn(user.email, PASSWORD, ip())).not.toBeNull();
    const stored = (await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } })).passwordHash!;
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(stored).not.toBe(legacy);
    expect(await signIn(user.email, PASSWORD, ip())).not.toBeNull();
  });
});

/** A hash in the old format (N=2^15, r=8, p=1), made the way Tollgate used to make them. */
async function legacyHash(password: string): Promise<string> {
  const { randomBytes, scryptSync } = await import("node:crypto");
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${1 << 15}$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
}
