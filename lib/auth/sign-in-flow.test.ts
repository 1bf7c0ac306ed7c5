// The whole next-auth credentials flow (csrf -> callback) through next-auth's own handler with
// Tollgate's options: what the sign-in page sees on success, failure and lockout.
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createTestUser } from "../http/admin-test-support";
import { signInThroughNextAuth as signIn } from "./next-auth-test-support";

const PASSWORD = "flow-passw0rd";

beforeAll(() => {
  process.env.LOGIN_MAX_ATTEMPTS = "2";
  resetEnvCache();
});

describe("credentials sign-in flow", () => {
  it("sets a session cookie on success and reports CredentialsSignin on failure", async () => {
    const user = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD });
    const ok = await signIn(user.email, PASSWORD, `ip-${uniqueSuffix()}`);
    expect(ok.error).toBeNull();
    expect(ok.session).toBeTruthy();
    const bad = await signIn(user.email, "wrong-password", `ip-${uniqueSuffix()}`);
    expect(bad).toMatchObject({ error: "CredentialsSignin", session: undefined });
  });

  it("reports TooManyAttempts with the seconds left once the account is locked for that address", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    const from = `ip-${uniqueSuffix()}`;
    await signIn(user.email, "wrong-1", from);
    await signIn(user.email, "wrong-2", from);
    const locked = await signIn(user.email, PASSWORD, from);
    expect(locked.error).toMatch(/^TooManyAttempts:\d+$/);
    expect(locked.session).toBeUndefined();
  });

  it("reports AccountDisabled for a disabled user with the right password", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD, disabled: true });
    expect((await signIn(user.email, PASSWORD, `ip-${uniqueSuffix()}`)).error).toBe("AccountDisabled");
  });
});
