// Sign-in behind an https public URL, and with the database or Redis gone: what reaches the
// browser (cookies, the redirect URL) and what reaches the audit log.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { createTestUser } from "../http/admin-test-support";
import { logger } from "../logger";
import { closeSharedStore } from "../store";
import { AUDIT_APPEND_FAILED } from "../audit/audit-admin-change";
import { uniqueSuffix } from "../../test/support/test-ids";
import { signInThroughNextAuth as signIn } from "./next-auth-test-support";

const PASSWORD = "hardening-passw0rd";
const realDatabaseUrl = process.env.DATABASE_URL;
const realRedisUrl = process.env.REDIS_URL;

beforeAll(() => {
  // Set before next-auth's options are first built (they are built once per process).
  process.env.NEXTAUTH_URL = "https://tollgate.example";
  resetEnvCache();
});

afterEach(async () => {
  process.env.DATABASE_URL = realDatabaseUrl;
  if (realRedisUrl === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = realRedisUrl;
  resetEnvCache();
  await closeSharedStore();
  vi.restoreAllMocks();
});


describe("cookies behind an https public URL", () => {
  it("are Secure, HttpOnly and __Secure-/__Host- prefixed", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    const result = await signIn(user.email, PASSWORD, `ip-${uniqueSuffix()}`);
    expect(result.error).toBeNull();
    const session = result.setCookies.find((c) => c.startsWith("__Secure-next-auth.session-token="));
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    for (const cookie of result.setCookies) expect(cookie).toMatch(/^__(Secure|Host)-/);
  });
});

describe("a sign-in while a backing service is down", () => {
  it("with the database unreachable: a generic code in the URL, the refused attempt in the error log", async () => {
    const errors = vi.spyOn(logger(), "error").mockImplementation(() => undefined);
    const email = `db-down-${uniqueSuffix()}@test.tollgate.local`;
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/tollgate_unreachable";
    resetEnvCache();

    const result = await signIn(email, PASSWORD, "198.51.100.20");
    expect(result.error).toBe("SignInUnavailable");
    // Nothing but the code: before, the driver's own message (address, ECONNREFUSED) was in the URL.
    expect(new URL(result.url).search).toBe("?error=SignInUnavailable");
    expect(result.session).toBeUndefined();

    const audited = errors.mock.calls.find(([, message]) => message === AUDIT_APPEND_FAILED);
    expect((audited?.[0] as { auditEntry: unknown }).auditEntry).toMatchObject({
      action: "auth.sign_in_failed",
      actorEmail: email,
      ip: "198.51.100.20",
      after: { email, reason: "unavailable" },
    });
  });

  it("with Redis unreachable: a generic code in the URL and an audit row with the reason", async () => {
    vi.spyOn(logger(), "error").mockImplementation(() => undefined);
    const user = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD });
    process.env.REDIS_URL = "redis://127.0.0.1:1/0";
    resetEnvCache();
    await closeSharedStore();

    const result = await signIn(user.email, PASSWORD, "198.51.100.21");
    expect(result.error).toBe("SignInUnavailable");
    // Nothing but the code: before, the driver's own message (address, ECONNREFUSED) was in the URL.
    expect(new URL(result.url).search).toBe("?error=SignInUnavailable");
    expect(result.session).toBeUndefined();

    const rows = await db().auditLog.findMany({ where: { actorEmail: user.email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "auth.sign_in_failed", targetId: user.id, ip: "198.51.100.21" });
    expect(JSON.parse(rows[0].after!)).toEqual({ email: user.email, reason: "unavailable" });
  });
});
