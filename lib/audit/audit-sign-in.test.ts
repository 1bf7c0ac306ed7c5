import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AccountDisabledError, authorizeCredentials } from "../auth/credentials";
import { LoginThrottledError } from "../auth/login-rate-limit";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { createTestUser } from "../http/admin-test-support";
import { logger } from "../logger";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { appendAuditOrLog, AUDIT_APPEND_FAILED } from "./audit-admin-change";

// Each sign-in hashes at scrypt N=2^17 (~0.3 s, two at a time); these tests make dozens of them, which
// on a busy 2-core machine takes longer than the default 20 s.
const SIGN_IN_TEST_TIMEOUT_MS = 90_000;

const PASSWORD = "s3cret-passw0rd";
const origin = () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`, userAgent: "Mozilla/5.0 audit-test" });

beforeAll(() => {
  process.env.LOGIN_MAX_ATTEMPTS = "2";
  process.env.LOGIN_WINDOW_SECONDS = "600";
  resetEnvCache();
});

const rowsFor = (actorEmail: string) => db().auditLog.findMany({ where: { actorEmail }, orderBy: { id: "asc" } });

describe("sign-ins are audited", { timeout: SIGN_IN_TEST_TIMEOUT_MS }, () => {
  it("records a successful sign-in with the user, IP and user agent", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    const from = origin();
    expect(await authorizeCredentials({ email: user.email, password: PASSWORD, ...from })).not.toBeNull();
    const [row] = await rowsFor(user.email);
    expect(row).toMatchObject({
      action: "auth.sign_in",
      actorType: "user",
      actorId: user.id,
      orgId: user.orgId,
      targetType: "user",
      targetId: user.id,
      ip: from.ip,
      userAgent: from.userAgent,
    });
  });

  it("records wrong passwords, unknown accounts, disabled accounts and rate-limited refusals as failed", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    const guesser = origin();
    for (let i = 0; i < 2; i++) expect(await authorizeCredentials({ email: user.email, password: "wrong-one", ...guesser })).toBeNull();
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, ...guesser })).rejects.toBeInstanceOf(LoginThrottledError);

    const rows = await rowsFor(user.email);
    expect(rows.map((r) => [r.action, JSON.parse(r.after!).reason])).toEqual([
      ["auth.sign_in_failed", "invalid_credentials"],
      ["auth.sign_in_failed", "invalid_credentials"],
      ["auth.sign_in_failed", "rate_limited"],
    ]);
    expect(rows[0]).toMatchObject({ actorType: "anonymous", actorId: null, targetId: user.id, orgId: user.orgId, userAgent: "Mozilla/5.0 audit-test" });
    expect(JSON.stringify(rows)).not.toContain("wrong-one");

    const unknown = `nobody-${uniqueSuffix()}@test.tollgate.local`;
    await authorizeCredentials({ email: unknown.toUpperCase(), password: "guess-guess", ...origin() });
    expect(await rowsFor(unknown)).toMatchObject([{ action: "auth.sign_in_failed", targetId: null, orgId: await ensureDefaultOrg() }]);

    const disabled = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD, disabled: true });
    await expect(authorizeCredentials({ email: disabled.email, password: PASSWORD, ...origin() })).rejects.toBeInstanceOf(AccountDisabledError);
    const [disabledRow] = await rowsFor(disabled.email);
    expect(JSON.parse(disabledRow.after!)).toEqual({ email: disabled.email, reason: "account_disabled" });
  });
});

describe("a failed append after the change committed", () => {
  const realUrl = process.env.DATABASE_URL;
  afterEach(() => {
    process.env.DATABASE_URL = realUrl;
    resetEnvCache();
    vi.restoreAllMocks();
  });

  it("does not throw and logs the whole masked entry at error level", async () => {
    const orgId = await ensureDefaultOrg();
    const errors = vi.spyOn(logger(), "error").mockImplementation(() => undefined);
    // A database that is not there: the append really fails, as it would during an outage.
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/tollgate_unreachable";
    resetEnvCache();
    await expect(
      appendAuditOrLog({ orgId, actorType: "system", action: "test.outage", targetType: "test", targetId: "t1", after: { apiKey: "sk-never-logged" } }),
    ).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledTimes(1);
    const [fields, message] = errors.mock.calls[0] as unknown as [Record<string, unknown>, string];
    expect(message).toBe(AUDIT_APPEND_FAILED);
    expect(fields.auditEntry).toMatchObject({ action: "test.outage", targetId: "t1", after: { apiKey: "••••" } });
    expect(fields.err).toBeInstanceOf(Error);
  });
});
