import { beforeAll, describe, expect, it } from "vitest";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor, type TestAuth } from "../http/admin-test-support";
import { appendAudit } from "./append-audit";
import * as exportRoute from "./audit-export-route";
import * as listRoute from "./audit-log-route";
import * as verifyRoute from "./audit-verify-route";
import { MASK } from "./mask-secrets";

let orgId: string;
const run = uniqueSuffix();
const actorEmail = `auditor-${run}@test.tollgate.local`;

beforeAll(async () => {
  enableTestAdminApiKey();
  orgId = await ensureDefaultOrg();
  // Five entries of this run: three by one actor on one target, two by another actor.
  for (const [i, action] of ["widget.create", "widget.update", "widget.delete"].entries()) {
    await appendAudit({
      orgId,
      actorType: "user",
      actorId: `actor-${run}`,
      actorEmail,
      action,
      targetType: "widget",
      targetId: `w-${run}`,
      before: i === 0 ? null : { step: i - 1, token: "secret-token" },
      after: i === 2 ? null : { step: i },
    });
  }
  for (const action of ["gizmo.create", "gizmo.update"]) {
    await appendAudit({ orgId, actorType: "admin-api-key", actorId: "admin-api-key", action, targetType: "gizmo", targetId: `g-${run}` });
  }
});

const list = (query: string, auth?: TestAuth) =>
  callRoute(listRoute.GET, adminRequest(`/api/admin/audit-log?${query}`, { auth }));

describe("GET /api/admin/audit-log", () => {
  it("filters by target and returns entries newest first with parsed, masked snapshots", async () => {
    const res = await list(`targetType=widget&targetId=w-${run}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.data.map((e: { action: string }) => e.action)).toEqual(["widget.delete", "widget.update", "widget.create"]);
    const update = res.body.data[1];
    expect(update).toMatchObject({ actorType: "user", actorEmail, before: { step: 0, token: MASK }, after: { step: 1 }, targetId: `w-${run}` });
    expect(update.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.data[0].prevHash).toBe(update.hash);
  });

  it("filters by actor (id or part of the email), by exact action and by action prefix", async () => {
    expect((await list(`actor=actor-${run}`)).body.total).toBe(3);
    expect((await list(`actor=${encodeURIComponent(`AUDITOR-${run}`)}`)).body.total).toBe(3);
    expect((await list(`actor=${run}&action=widget.update`)).body.total).toBe(1);
    const prefixed = await list(`targetId=g-${run}&action=gizmo.`);
    expect(prefixed.body.total).toBe(2);
    expect((await list(`targetId=g-${run}&action=gizmo`)).body.total).toBe(0);
  });

  it("filters by time and pages", async () => {
    const now = Date.now();
    const inside = `from=${new Date(now - 600_000).toISOString()}&to=${new Date(now + 600_000).toISOString()}`;
    expect((await list(`targetId=w-${run}&${inside}`)).body.total).toBe(3);
    expect((await list(`targetId=w-${run}&from=${new Date(now + 600_000).toISOString()}`)).body.total).toBe(0);
    const today = new Date(now).toISOString().slice(0, 10);
    expect((await list(`targetId=w-${run}&from=${today}&to=${today}`)).body.total).toBe(3);

    const page1 = await list(`targetId=w-${run}&pageSize=2&page=1`);
    const page2 = await list(`targetId=w-${run}&pageSize=2&page=2`);
    expect(page1.body).toMatchObject({ total: 3 });
    expect(page1.body.data).toHaveLength(2);
    expect(page2.body.data.map((e: { action: string }) => e.action)).toEqual(["widget.create"]);
  });

  it("answers 422 naming the field for bad filters", async () => {
    const cases: [string, string][] = [
      ["from=2025-02-01&to=2025-01-01", "from"],
      ["from=yesterday", "from"],
      ["action=DROP TABLE", "action"],
      ["pageSize=0", "pageSize"],
      ["page=-1", "page"],
    ];
    for (const [query, field] of cases) {
      const res = await list(query);
      expect(res.status, query).toBe(422);
      expect(res.body.error).toMatchObject({ code: "validation_failed", field });
    }
  });

  it("lets admins and viewers read; developers get 403, anonymous callers 401", async () => {
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const developer = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const viewerAuth = await sessionCookieFor(viewer);
    const developerAuth = await sessionCookieFor(developer);
    expect((await list(`targetId=w-${run}`, viewerAuth)).body.total).toBe(3);
    for (const handler of [listRoute.GET, verifyRoute.GET, exportRoute.GET]) {
      const denied = await callRoute(handler, adminRequest("/api/admin/audit-log", { auth: developerAuth }));
      expect(denied.status).toBe(403);
      expect((await callRoute(handler, adminRequest("/api/admin/audit-log", { auth: "none" }))).status).toBe(401);
    }
    expect((await callRoute(verifyRoute.GET, adminRequest("/api/admin/audit-log/verify", { auth: viewerAuth }))).status).toBe(200);
  });

  it("does not show another organization's entries", async () => {
    await appendAudit({ orgId: `other-org-${run}`, actorType: "system", action: "widget.create", targetType: "widget", targetId: `w-${run}` });
    expect((await list(`targetId=w-${run}`)).body.total).toBe(3);
  });
});

describe("GET /api/admin/audit-log/verify", () => {
  it("reports an intact chain with the number of rows checked", async () => {
    const res = await callRoute(verifyRoute.GET, adminRequest("/api/admin/audit-log/verify"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, checked: expect.any(Number), lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.checked).toBeGreaterThanOrEqual(5);
  });
});

describe("GET /api/admin/audit-log/export", () => {
  it("downloads the current filter as CSV", async () => {
    const response = await exportRoute.GET(adminRequest(`/api/admin/audit-log/export?format=csv&targetId=w-${run}`), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tollgate-audit-log-.*\.csv"$/);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^id,createdAt,actorType,actorId,actorEmail,action,/);
    expect(lines[1]).toContain("widget.delete");
    expect(lines.join("\n")).not.toContain("secret-token");
  });

  it("downloads the current filter as JSON, and refuses a bad filter with 422 before streaming", async () => {
    const response = await exportRoute.GET(adminRequest(`/api/admin/audit-log/export?format=json&actor=actor-${run}&action=widget.`), {
      params: Promise.resolve({}),
    });
    expect(response.headers.get("content-type")).toContain("application/json");
    const rows = await response.json();
    expect(rows.map((r: { action: string }) => r.action)).toEqual(["widget.delete", "widget.update", "widget.create"]);

    const bad = await callRoute(exportRoute.GET, adminRequest("/api/admin/audit-log/export?format=xml"));
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("format");
    const badRange = await callRoute(exportRoute.GET, adminRequest("/api/admin/audit-log/export?from=2025-02-01&to=2025-01-01"));
    expect(badRange.status).toBe(422);
  });
});
