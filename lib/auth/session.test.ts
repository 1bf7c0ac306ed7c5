import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor, TEST_ADMIN_API_KEY } from "../http/admin-test-support";
import { authOptions } from "./auth-options";
import * as me from "./me-route";

beforeAll(() => enableTestAdminApiKey());

describe("next-auth callbacks", () => {
  it("puts { id, email, name, role, orgId } in the JWT and the session, fresh from the database", async () => {
    const user = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const { jwt, session } = authOptions().callbacks!;
    const token = await jwt!({ token: { sub: user.id }, user: { id: user.id }, account: null } as never);
    expect(token).toMatchObject({ sub: user.id, email: user.email, name: user.name, role: "developer", orgId: user.orgId });

    await db().user.update({ where: { id: user.id }, data: { role: "viewer" } });
    const refreshed = await jwt!({ token } as never);
    const result = await session!({ session: { expires: "" }, token: refreshed } as never);
    expect(result.user).toEqual({ id: user.id, email: user.email, name: user.name, role: "viewer", orgId: user.orgId });

    await db().user.update({ where: { id: user.id }, data: { disabled: true } });
    await expect(jwt!({ token } as never)).rejects.toThrow(/no longer active/);
  });

  it("uses /login as the sign-in page and has a secret even without NEXTAUTH_SECRET", () => {
    expect(authOptions().pages?.signIn).toBe("/login");
    expect(authOptions().secret?.length ?? 0).toBeGreaterThanOrEqual(16);
  });
});

describe("GET /api/admin/me", () => {
  it("describes a session user and the admin API key principal", async () => {
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const bySession = await callRoute(me.GET, adminRequest("/api/admin/me", { auth: await sessionCookieFor(viewer) }));
    expect(bySession.body).toEqual({ id: viewer.id, email: viewer.email, name: viewer.name, role: "viewer", orgId: viewer.orgId, via: "session" });

    const byKey = await callRoute(me.GET, adminRequest("/api/admin/me", { auth: { bearer: TEST_ADMIN_API_KEY } }));
    expect(byKey.body).toMatchObject({ id: "admin-api-key", role: "admin", via: "admin-api-key" });
    expect((await callRoute(me.GET, adminRequest("/api/admin/me", { auth: { cookie: "next-auth.session-token=garbage" } }))).status).toBe(401);
  });
});
