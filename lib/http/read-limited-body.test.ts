// CONSOLE_MAX_BODY_BYTES where the body is read: the admin API (any route with a body schema) and
// next-auth's sign-in callback, which takes bodies from anyone. Declared and streamed (chunked) sizes.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { uniqueSuffix } from "../../test/support/test-ids";
import * as nextAuthRoute from "../auth/nextauth-route";
import * as users from "../users/users-route";
import { adminRequest, callRoute, enableTestAdminApiKey } from "./admin-test-support";

beforeAll(() => enableTestAdminApiKey());

afterEach(() => {
  delete process.env.CONSOLE_MAX_BODY_BYTES;
  resetEnvCache();
});

const MiB = 1024 * 1024;

/** A JSON user whose name pads the body to about `bytes`. */
function bigUser(bytes: number) {
  return { email: `big-${uniqueSuffix()}@example.com`, name: "x".repeat(bytes) };
}

/** A body with no Content-Length, delivered in 64 KiB chunks (what a chunked upload looks like). */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, (offset += 64 * 1024)));
    },
  });
}

describe("the admin API's body limit", () => {
  it("refuses a body over 1 MiB (declared) with 413 in the admin error shape", async () => {
    const body = bigUser(2 * MiB);
    const request = adminRequest("/api/admin/users", { method: "POST", body, headers: { "content-length": String(2 * MiB + 60) } });
    const answer = await callRoute(users.POST, request);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: { message: `Request body exceeds the limit of ${MiB} bytes.`, code: "body_too_large" } });
    expect(await db().user.count({ where: { email: body.email } })).toBe(0);
  });

  it("refuses a chunked body once it passes the limit, and follows CONSOLE_MAX_BODY_BYTES", async () => {
    process.env.CONSOLE_MAX_BODY_BYTES = String(100 * 1024);
    resetEnvCache();
    const request = new Request("http://localhost:3000/api/admin/users", {
      method: "POST",
      headers: { authorization: adminRequest("/").headers.get("authorization")!, "content-type": "application/json" },
      body: chunked(JSON.stringify(bigUser(300 * 1024))),
      // @ts-expect-error Node's fetch needs this for streamed request bodies
      duplex: "half",
    });
    const answer = await callRoute(users.POST, request);
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toContain(`${100 * 1024} bytes`);
    // Under the limit the same route works.
    expect((await callRoute(users.POST, adminRequest("/api/admin/users", { method: "POST", body: bigUser(50) }))).status).toBe(201);
  });
});

describe("the sign-in callback's body limit", () => {
  it("refuses a 2 MiB sign-in body before next-auth parses it, signed in or not", async () => {
    const request = new Request("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { origin: "http://localhost:3000", "content-type": "application/x-www-form-urlencoded" },
      body: chunked(`csrfToken=x&email=a%40b.c&password=${"p".repeat(2 * MiB)}`),
      // @ts-expect-error Node's fetch needs this for streamed request bodies
      duplex: "half",
    });
    const response = await nextAuthRoute.POST(request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("body_too_large");
  });
});
