import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createTestUser } from "../http/admin-test-support";
import { AccountDisabledError, authorizeCredentials } from "./credentials";
import { LoginThrottledError, clientIpFrom } from "./login-rate-limit";

const PASSWORD = "s3cret-passw0rd";

beforeAll(() => {
  process.env.LOGIN_MAX_ATTEMPTS = "3";
  process.env.LOGIN_WINDOW_SECONDS = "600";
  resetEnvCache();
});

const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;

describe("authorizeCredentials", () => {
  it("signs in with the right password (email case-insensitive) and refuses a wrong one", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    const ok = await authorizeCredentials({ email: user.email.toUpperCase(), password: PASSWORD, ip: ip() });
    expect(ok).toMatchObject({ id: user.id, email: user.email, role: "viewer", orgId: user.orgId });
    expect(await authorizeCredentials({ email: user.email, password: "wrong", ip: ip() })).toBeNull();
    expect(await authorizeCredentials({ email: `nobody-${uniqueSuffix()}@x.local`, password: PASSWORD, ip: ip() })).toBeNull();
  });

  it("refuses users without a password and disabled users", async () => {
    const apiOnly = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    expect(await authorizeCredentials({ email: apiOnly.email, password: "anything-at-all", ip: ip() })).toBeNull();
    const disabled = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD, disabled: true });
    await expect(authorizeCredentials({ email: disabled.email, password: PASSWORD, ip: ip() })).rejects.toBeInstanceOf(AccountDisabledError);
  });

  it("locks an account after LOGIN_MAX_ATTEMPTS failures, even with the right password", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    for (let i = 0; i < 3; i++) expect(await authorizeCredentials({ email: user.email, password: "nope", ip: ip() })).toBeNull();
    const locked = authorizeCredentials({ email: user.email, password: PASSWORD, ip: ip() });
    await expect(locked).rejects.toBeInstanceOf(LoginThrottledError);
    await expect(locked).rejects.toThrow(/^TooManyAttempts:\d+$/);
  });

  it("locks an IP that guesses across accounts", async () => {
    const attacker = ip();
    for (let i = 0; i < 3; i++) {
      await authorizeCredentials({ email: `guess-${uniqueSuffix()}@x.local`, password: "nope", ip: attacker });
    }
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, ip: attacker })).rejects.toBeInstanceOf(LoginThrottledError);
    expect(await authorizeCredentials({ email: user.email, password: PASSWORD, ip: ip() })).not.toBeNull();
  });

  it("clears the account counter after a successful sign-in", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    for (let i = 0; i < 2; i++) await authorizeCredentials({ email: user.email, password: "nope", ip: ip() });
    expect(await authorizeCredentials({ email: user.email, password: PASSWORD, ip: ip() })).not.toBeNull();
    for (let i = 0; i < 2; i++) await authorizeCredentials({ email: user.email, password: "nope", ip: ip() });
    expect(await authorizeCredentials({ email: user.email, password: PASSWORD, ip: ip() })).not.toBeNull();
  });
});

describe("clientIpFrom", () => {
  it("takes the first forwarded address, then x-real-ip", () => {
    expect(clientIpFrom({ "x-forwarded-for": "1.2.3.4, 10.0.0.1" })).toBe("1.2.3.4");
    expect(clientIpFrom(new Headers({ "x-real-ip": "5.6.7.8" }))).toBe("5.6.7.8");
    expect(clientIpFrom({})).toBeNull();
  });
});
