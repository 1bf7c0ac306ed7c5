// The whole next-auth credentials flow (csrf -> callback) through next-auth's own handler with
// Tollgate's options: what the sign-in page sees on success, failure and lockout.
import { beforeAll, describe, expect, it } from "vitest";
import NextAuth from "next-auth";
import { resetEnvCache } from "../env";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createTestUser } from "../http/admin-test-support";
import { authOptions } from "./auth-options";

const PASSWORD = "flow-passw0rd";

beforeAll(() => {
  process.env.LOGIN_MAX_ATTEMPTS = "2";
  resetEnvCache();
});

/** A minimal pages-API response: next-auth's (req, res) form needs nothing more. */
function fakeResponse() {
  const headers = new Map<string, string | string[]>();
  let body: unknown;
  const res = {
    statusCode: 200,
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string | string[]) => void headers.set(name.toLowerCase(), value),
    json: (value: unknown) => void (body = value),
    send: (value: unknown) => void (body = value),
    end: () => undefined,
  };
  const cookies = () => {
    const raw = headers.get("set-cookie") ?? [];
    return Object.fromEntries((Array.isArray(raw) ? raw : [raw]).map((c) => c.split(";")[0].split("=")).map(([n, ...v]) => [n, decodeURIComponent(v.join("="))]));
  };
  return { res, body: () => body as Record<string, string>, cookies };
}

async function call(action: string[], method: string, ip: string, cookies: Record<string, string>, body?: Record<string, string>) {
  const req = { method, query: { nextauth: action }, headers: { host: "localhost:3000", "x-forwarded-for": ip }, cookies, body };
  const out = fakeResponse();
  await NextAuth(req as never, out.res as never, authOptions());
  return out;
}

async function signIn(email: string, password: string, ip: string) {
  const csrf = await call(["csrf"], "GET", ip, {});
  const cookies = csrf.cookies();
  const result = await call(["callback", "credentials"], "POST", ip, cookies, {
    csrfToken: csrf.body().csrfToken,
    email,
    password,
    json: "true",
  });
  const error = new URL(result.body().url).searchParams.get("error");
  return { error, session: result.cookies()["next-auth.session-token"] };
}

describe("credentials sign-in flow", () => {
  it("sets a session cookie on success and reports CredentialsSignin on failure", async () => {
    const user = await createTestUser({ role: "admin", suffix: uniqueSuffix(), password: PASSWORD });
    const ok = await signIn(user.email, PASSWORD, `ip-${uniqueSuffix()}`);
    expect(ok.error).toBeNull();
    expect(ok.session).toBeTruthy();
    const bad = await signIn(user.email, "wrong-password", `ip-${uniqueSuffix()}`);
    expect(bad).toMatchObject({ error: "CredentialsSignin", session: undefined });
  });

  it("reports TooManyAttempts with the seconds left once the account is locked", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD });
    await signIn(user.email, "wrong-1", `ip-${uniqueSuffix()}`);
    await signIn(user.email, "wrong-2", `ip-${uniqueSuffix()}`);
    const locked = await signIn(user.email, PASSWORD, `ip-${uniqueSuffix()}`);
    expect(locked.error).toMatch(/^TooManyAttempts:\d+$/);
    expect(locked.session).toBeUndefined();
  });

  it("reports AccountDisabled for a disabled user with the right password", async () => {
    const user = await createTestUser({ role: "viewer", suffix: uniqueSuffix(), password: PASSWORD, disabled: true });
    expect((await signIn(user.email, PASSWORD, `ip-${uniqueSuffix()}`)).error).toBe("AccountDisabled");
  });
});
