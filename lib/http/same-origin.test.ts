// Cross-site request forgery against the real route handlers: the admin API (withAdminRoute), the
// playground and next-auth's POST endpoints, with a real session cookie.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { uniqueSuffix } from "../../test/support/test-ids";
import * as nextAuthRoute from "../auth/nextauth-route";
import * as playground from "../playground/playground-route";
import * as users from "../users/users-route";
import * as keys from "../keys/keys-route";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor, TEST_ADMIN_API_KEY } from "./admin-test-support";

let admin: { cookie: string };

beforeAll(async () => {
  enableTestAdminApiKey();
  const user = await createTestUser({ role: "admin", suffix: uniqueSuffix() });
  admin = await sessionCookieFor(user);
});

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  resetEnvCache();
});

const newUser = () => ({ email: `csrf-${uniqueSuffix()}@example.com`, name: "Forged" });
const exists = async (email: string) => (await db().user.count({ where: { email } })) > 0;

/** The request a page on another site makes: a "simple" POST that needs no CORS preflight. */
function forgedCreate(body: object, headers: Record<string, string>) {
  return adminRequest("/api/admin/users", { method: "POST", rawBody: JSON.stringify(body), auth: admin, headers });
}

describe("session-authenticated admin mutations", () => {
  it("refuses a text/plain POST from another site with 403 and changes nothing", async () => {
    const body = newUser();
    const answer = await callRoute(users.POST, forgedCreate({ ...body, role: "admin" }, { origin: "http://evil.example", "content-type": "text/plain" }));
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: "cross_site_request", message: expect.stringContaining("http://evil.example") });
    expect(await exists(body.email)).toBe(false);
  });

  it("refuses another site even with a JSON content type (a form cannot send one, fetch with CORS can try)", async () => {
    const body = newUser();
    const answer = await callRoute(users.POST, forgedCreate(body, { origin: "https://evil.example" }));
    expect(answer.status).toBe(403);
    expect(await exists(body.email)).toBe(false);
  });

  it("refuses a request that says neither Origin nor Sec-Fetch-Site, and a cross-site Sec-Fetch-Site", async () => {
    const variants: Record<string, string>[] = [{ origin: "" }, { origin: "", "sec-fetch-site": "cross-site" }, { origin: "null" }];
    for (const headers of variants) {
      const body = newUser();
      const answer = await callRoute(users.POST, forgedCreate(body, headers));
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(await exists(body.email)).toBe(false);
    }
  });

  it("refuses a same-origin body that is not declared as JSON", async () => {
    const body = newUser();
    const answer = await callRoute(users.POST, forgedCreate(body, { "content-type": "text/plain" }));
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe("json_required");
    expect(await exists(body.email)).toBe(false);
  });

  it("accepts the console's own requests: its Origin, NEXTAUTH_URL's origin, or Sec-Fetch-Site same-origin", async () => {
    expect((await callRoute(users.POST, forgedCreate(newUser(), {}))).status).toBe(201); // Origin http://localhost:3000
    expect((await callRoute(users.POST, forgedCreate(newUser(), { origin: "", "sec-fetch-site": "same-origin" }))).status).toBe(201);
    expect((await callRoute(users.POST, forgedCreate(newUser(), { "content-type": "application/json; charset=utf-8" }))).status).toBe(201);

    process.env.NEXTAUTH_URL = "https://console.example.com";
    resetEnvCache();
    // Behind a proxy the request's own host may be internal; the public origin is what the browser sends.
    const behindProxy = forgedCreate(newUser(), { origin: "https://console.example.com", "x-forwarded-host": "10.0.0.5:3000" });
    expect((await callRoute(users.POST, behindProxy)).status).toBe(201);
  });

  it("applies to every state-changing method, and not to reads", async () => {
    const patch = adminRequest("/api/admin/keys/nope", { method: "DELETE", auth: admin, headers: { origin: "http://evil.example" } });
    expect((await callRoute(keys.GET, adminRequest("/api/admin/keys", { auth: admin, headers: { origin: "http://evil.example" } }))).status).toBe(200);
    const { DELETE } = await import("../keys/key-route");
    expect((await callRoute(DELETE, patch, { id: "nope" })).status).toBe(403);
  });

  it("does not apply to the admin API key (a bearer header no other site can send)", async () => {
    const body = newUser();
    const answer = await callRoute(users.POST, adminRequest("/api/admin/users", { method: "POST", rawBody: JSON.stringify(body), auth: { bearer: TEST_ADMIN_API_KEY }, headers: { origin: "http://evil.example", "content-type": "text/plain" } }));
    expect(answer.status).toBe(201);
    expect(await exists(body.email)).toBe(true);
  });
});

describe("the playground", () => {
  it("refuses a cross-site call (it spends money) with 403 in OpenAI's error shape", async () => {
    const request = new Request("http://localhost:3000/api/playground/chat", {
      method: "POST",
      headers: { cookie: admin.cookie, origin: "http://evil.example", "content-type": "text/plain" },
      body: JSON.stringify({ model: "any", messages: [{ role: "user", content: "hi" }] }),
    });
    const response = await playground.POST(request);
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatchObject({ type: "permission_error", code: "cross_site_request" });
  });
});

describe("next-auth's POST endpoints (sign-in, sign-out)", () => {
  it("refuse another site before next-auth runs", async () => {
    for (const action of ["signout", "callback"]) {
      const request = new Request(`http://localhost:3000/api/auth/${action}`, {
        method: "POST",
        headers: { cookie: admin.cookie, origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
        body: "csrfToken=x",
      });
      const response = await nextAuthRoute.POST(request, { params: Promise.resolve({ nextauth: [action] }) });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("cross_site_request");
    }
  });
});
