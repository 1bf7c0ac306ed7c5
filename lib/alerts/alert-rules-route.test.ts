import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { db } from "../db";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import { ensureDefaultOrg } from "../org/default-org";
import { startReceiver, useSmtp, type Receiver } from "./alert-test-support";
import * as collection from "./alert-rules-route";
import * as item from "./alert-rule-route";
import * as testAlert from "./alert-rule-test-route";
import * as history from "./alerts-route";

let orgId: string;
let keyId: string;
let hook: Receiver;

const post = (body: unknown) => callRoute(collection.POST, adminRequest("/api/admin/alert-rules", { method: "POST", body }));
const patch = (id: string, body: unknown) => callRoute(item.PATCH, adminRequest(`/api/admin/alert-rules/${id}`, { method: "PATCH", body }), { id });
const get = (id: string) => callRoute(item.GET, adminRequest(`/api/admin/alert-rules/${id}`), { id });

function quotaRule(overrides: Record<string, unknown> = {}) {
  return {
    name: `Quota ${uniqueSuffix()}`,
    scope: "key",
    scopeId: keyId,
    metric: "quota_usage",
    thresholds: [1.0, 0.8, 0.9, 0.8],
    channels: [{ type: "webhook", url: hook.url, secret: "whsec-0123456789" }],
    ...overrides,
  };
}

beforeAll(async () => {
  enableTestAdminApiKey();
  orgId = await ensureDefaultOrg();
  const user = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
  keyId = (await db().apiKey.create({ data: { orgId, userId: user.id, name: "alerting key", keyHash: `h-${uniqueSuffix()}`, prefix: "tg-alert" } })).id;
  hook = await startReceiver([200]);
});
afterEach(() => useSmtp(null));
afterAll(() => hook.close());

describe("/api/admin/alert-rules", () => {
  it("creates a rule (201) with sorted, de-duplicated thresholds; the webhook secret is sealed and never returned", async () => {
    const created = await post(quotaRule());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      scope: "key", scopeId: keyId, scopeName: "alerting key", metric: "quota_usage", thresholds: [0.8, 0.9, 1], window: null, enabled: true, lastFiredAt: null,
      channels: [{ type: "webhook", url: hook.url, hasSecret: true }],
    });
    expect(JSON.stringify(created.body)).not.toContain("whsec-0123456789");
    const row = await db().alertRule.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.channels).not.toContain("whsec-0123456789");
    expect(JSON.parse(row.channels)[0].encryptedSecret).toMatch(/^v1:/);

    const listed = await callRoute(collection.GET, adminRequest("/api/admin/alert-rules?metric=quota_usage"));
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect((await get(created.body.id)).body.channels[0]).not.toHaveProperty("secret");
  });

  it("audits create, update and delete with the secret nowhere in the log", async () => {
    const created = await post(quotaRule());
    const id = created.body.id;
    await patch(id, { name: "Renamed" });
    await callRoute(item.DELETE, adminRequest(`/api/admin/alert-rules/${id}`, { method: "DELETE" }), { id });
    const entries = await db().auditLog.findMany({ where: { targetType: "alert_rule", targetId: id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["alert_rule.create", "alert_rule.update", "alert_rule.delete"]);
    expect(JSON.parse(entries[1].before!).name).not.toBe("Renamed");
    expect(JSON.parse(entries[1].after!).name).toBe("Renamed");
    for (const entry of entries) expect(`${entry.before}${entry.after}`).not.toContain("whsec-0123456789");
  });

  it("PATCH keeps a webhook secret for a channel named by id, replaces or removes it on request", async () => {
    const created = await post(quotaRule());
    const { id } = created.body;
    const channelId = created.body.channels[0].id;
    const sealed = () => db().alertRule.findUniqueOrThrow({ where: { id } }).then((r) => JSON.parse(r.channels)[0].encryptedSecret);
    const original = await sealed();

    const kept = await patch(id, { channels: [{ id: channelId, type: "webhook", url: `${hook.url}&v=2` }] });
    expect(kept.status).toBe(200);
    expect(kept.body.channels[0]).toMatchObject({ id: channelId, hasSecret: true, url: `${hook.url}&v=2` });
    expect(await sealed()).toBe(original);

    const replaced = await patch(id, { channels: [{ id: channelId, type: "webhook", url: hook.url, secret: "a-brand-new-secret" }] });
    expect(replaced.body.channels[0].hasSecret).toBe(true);
    expect(await sealed()).not.toBe(original);

    const removed = await patch(id, { channels: [{ id: channelId, type: "webhook", url: hook.url, secret: null }] });
    expect(removed.body.channels[0].hasSecret).toBe(false);

    const unknown = await patch(id, { channels: [{ id: "nope", type: "webhook", url: hook.url }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe("channels.0.id");
  });

  it("PATCH re-validates the whole rule: switching to spend needs dollar thresholds and gets the default window", async () => {
    const { body: rule } = await post(quotaRule());
    const bad = await patch(rule.id, { window: "1h" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("window");

    const spend = await patch(rule.id, { metric: "spend", thresholds: [25, 100] });
    expect(spend.body).toMatchObject({ metric: "spend", thresholds: [25, 100], window: "1h" });
    const errorRate = await patch(rule.id, { metric: "error_rate" });
    expect(errorRate.status).toBe(422);
    expect(errorRate.body.error.field).toBe("thresholds.0");
    const org = await patch(rule.id, { scope: "org" });
    expect(org.body).toMatchObject({ scope: "org", scopeId: orgId, scopeName: "Organization" });
    const team = await patch(rule.id, { scope: "team" });
    expect(team.status).toBe(422);
    expect(team.body.error.field).toBe("scopeId");
  });

  it("answers 422 naming the field for out-of-range thresholds, a missing or foreign scope and unusable channels", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ thresholds: [0.8, 11] }, "thresholds.1"],
      [{ thresholds: [] }, "thresholds"],
      [{ metric: "error_rate", thresholds: 5, window: "15m" }, "thresholds.0"],
      [{ metric: "latency_p95", thresholds: [-1] }, "thresholds.0"],
      [{ window: "24h" }, "window"],
      [{ metric: "spend", thresholds: 10, window: "2h" }, "window"],
      [{ scopeId: undefined }, "scopeId"],
      [{ scopeId: "no-such-key" }, "scopeId"],
      [{ scope: "org", scopeId: "another-org" }, "scopeId"],
      [{ channels: [] }, "channels"],
      [{ channels: [{ type: "webhook", url: "ftp://example.test" }] }, "channels.0.url"],
      [{ channels: [{ type: "slack" }] }, "channels.0.url"],
      [{ channels: [{ type: "carrier-pigeon" }] }, "channels.0.type"],
      [{ channels: [{ type: "webhook", url: hook.url }, { type: "email", to: "ops@example.test" }] }, "channels.1.to"],
    ];
    for (const [overrides, field] of cases) {
      const response = await post(quotaRule(overrides));
      expect({ overrides, status: response.status, field: response.body.error?.field }).toEqual({ overrides, status: 422, field });
    }
    const noSmtp = await post(quotaRule({ channels: [{ type: "email", to: "ops@example.test" }] }));
    expect(noSmtp.body.error.message).toContain("SMTP_URL");
  });

  it("answers 400 naming the channel's url for a webhook or Slack URL on a metadata or link-local address", async () => {
    const cases: [Record<string, unknown>[], string][] = [
      [[{ type: "webhook", url: "http://169.254.169.254/latest/meta-data" }], "channels.0.url"],
      [[{ type: "webhook", url: hook.url }, { type: "webhook", url: "http://[fd00:ec2::254]/hook" }], "channels.1.url"],
      [[{ type: "slack", url: "https://metadata.google.internal/services/T0/B0/x" }], "channels.0.url"],
    ];
    for (const [channels, field] of cases) {
      const response = await post(quotaRule({ channels }));
      expect({ channels, status: response.status, error: response.body.error }).toMatchObject({ status: 400, error: { code: "url_not_allowed", field } });
    }
  });

  it("accepts an e-mail channel once SMTP is configured, and an org rule without scopeId", async () => {
    useSmtp("smtp://127.0.0.1:2525");
    const created = await post({ name: "Org spend", scope: "org", metric: "spend", thresholds: 50, window: "24h", channels: [{ type: "email", to: "ops@example.test" }, { type: "slack", url: "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefXYZ" }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: "org", scopeId: orgId, thresholds: [50], window: "24h" });
    expect(created.body.channels).toEqual([
      { id: expect.any(String), type: "email", to: "ops@example.test" },
      { id: expect.any(String), type: "slack", url: "https://hooks.slack.com/services/T01…/B04…/••••" },
    ]);
    // The Slack URL is a credential: kept on update when the channel is named by id.
    const slackId = created.body.channels[1].id;
    const renamed = await patch(created.body.id, { channels: [{ id: slackId, type: "slack" }] });
    expect(renamed.status).toBe(200);
    expect(renamed.body.channels).toEqual([{ id: slackId, type: "slack", url: "https://hooks.slack.com/services/T01…/B04…/••••" }]);
  });

  it("lets a viewer read rules and history but not write or test; keeps developers out", async () => {
    const { body: rule } = await post(quotaRule());
    const viewer = await sessionCookieFor(await createTestUser({ role: "viewer", suffix: uniqueSuffix() }));
    const developer = await sessionCookieFor(await createTestUser({ role: "developer", suffix: uniqueSuffix() }));
    expect((await callRoute(collection.GET, adminRequest("/api/admin/alert-rules", { auth: viewer }))).status).toBe(200);
    expect((await callRoute(history.GET, adminRequest("/api/admin/alerts", { auth: viewer }))).status).toBe(200);
    expect((await callRoute(collection.POST, adminRequest("/api/admin/alert-rules", { method: "POST", auth: viewer, body: quotaRule() }))).status).toBe(403);
    expect((await callRoute(testAlert.POST, adminRequest(`/api/admin/alert-rules/${rule.id}/test`, { method: "POST", auth: viewer }), { id: rule.id })).status).toBe(403);
    expect((await callRoute(collection.GET, adminRequest("/api/admin/alert-rules", { auth: developer }))).status).toBe(403);
    expect((await callRoute(history.GET, adminRequest("/api/admin/alerts", { auth: developer }))).status).toBe(403);
  });

  it("404s unknown rules and rules of another organization", async () => {
    const other = await db().organization.create({ data: { name: `Other ${uniqueSuffix()}` } });
    const foreign = await db().alertRule.create({
      data: { orgId: other.id, name: "hidden", scope: "org", scopeId: other.id, metric: "spend", thresholds: "[1]", window: "1h", channels: "[]" },
    });
    for (const id of ["does-not-exist", foreign.id]) {
      expect((await get(id)).status).toBe(404);
      expect((await patch(id, { name: "x" })).status).toBe(404);
      expect((await callRoute(item.DELETE, adminRequest(`/api/admin/alert-rules/${id}`, { method: "DELETE" }), { id })).status).toBe(404);
      expect((await callRoute(testAlert.POST, adminRequest(`/api/admin/alert-rules/${id}/test`, { method: "POST" }), { id })).status).toBe(404);
    }
  });
});

describe("test alerts and history", () => {
  it("sends a test alert to every channel and lists it in the history with its delivery attempts", async () => {
    const failing = await startReceiver([500]);
    try {
      const { body: rule } = await post(quotaRule({ channels: [{ type: "webhook", url: hook.url, secret: "whsec-0123456789" }, { type: "webhook", url: failing.url }] }));
      const received = hook.requests.length;
      const sent = await callRoute(testAlert.POST, adminRequest(`/api/admin/alert-rules/${rule.id}/test`, { method: "POST" }), { id: rule.id });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ ruleId: rule.id, ruleName: rule.name, test: true, threshold: 0.8, status: "partial" });
      expect(sent.body.periodKey).toMatch(/^test:/);
      expect(hook.requests.length).toBe(received + 1);
      const byTarget = (target: string) => sent.body.deliveries.filter((d: { target: string }) => d.target === target.split("?")[0]);
      expect(byTarget(hook.url).map((d: { status: string }) => d.status)).toEqual(["success"]);
      expect(byTarget(failing.url).map((d: { status: string; attempt: number }) => [d.attempt, d.status])).toEqual([[1, "failed"], [2, "failed"], [3, "failed"]]);

      const listed = await callRoute(history.GET, adminRequest(`/api/admin/alerts?ruleId=${rule.id}`));
      expect(listed.body).toMatchObject({ total: 1, data: [{ id: sent.body.id, status: "partial" }] });
      expect(listed.body.data[0].deliveries).toHaveLength(4);
      // A test alert is not a firing: lastFiredAt stays empty.
      expect((await get(rule.id)).body.lastFiredAt).toBeNull();

      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      const empty = await callRoute(history.GET, adminRequest(`/api/admin/alerts?ruleId=${rule.id}&from=${encodeURIComponent(tomorrow)}`));
      expect(empty.body).toEqual({ data: [], total: 0 });
      const inverted = await callRoute(history.GET, adminRequest(`/api/admin/alerts?from=2026-01-02&to=2026-01-01`));
      expect(inverted.status).toBe(422);
      expect(inverted.body.error.field).toBe("from");
    } finally {
      await failing.close();
    }
  }, 30_000);

  it("pages the history newest first", async () => {
    const { body: rule } = await post(quotaRule());
    for (let i = 0; i < 3; i++) await callRoute(testAlert.POST, adminRequest(`/api/admin/alert-rules/${rule.id}/test`, { method: "POST" }), { id: rule.id });
    const page1 = await callRoute(history.GET, adminRequest(`/api/admin/alerts?ruleId=${rule.id}&pageSize=2`));
    const page2 = await callRoute(history.GET, adminRequest(`/api/admin/alerts?ruleId=${rule.id}&pageSize=2&page=2`));
    expect(page1.body.total).toBe(3);
    expect(page1.body.data).toHaveLength(2);
    expect(page2.body.data).toHaveLength(1);
    const times = [...page1.body.data, ...page2.body.data].map((e: { createdAt: string }) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
