// Items the configuration file owns, through the admin API: listed with managedBy "config-file", and
// every change or deletion refused with 409 managed_by_config_file pointing to the file, until the
// file no longer lists them. Works in the default organization (the admin API's), on items of its
// own names; no cache settings here, which are one per organization and other tests change them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertRule from "../alerts/alert-rule-route";
import { adminRequest, callRoute, enableTestAdminApiKey } from "../http/admin-test-support";
import * as model from "../models/model-route";
import * as routing from "../models/routing-route";
import { ensureDefaultOrg } from "../org/default-org";
import * as provider from "../providers/provider-route";
import * as providers from "../providers/providers-route";
import * as quota from "../quotas/quota-route";
import * as quotas from "../quotas/quotas-route";
import * as rateLimits from "../rate-limits/rate-limits-route";
import * as team from "../teams/team-route";
import { db } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { applyConfigFile } from "./apply-config";

const run = uniqueSuffix();
let dir: string;
let orgId: string;
const environment = { MANAGED_TEST_KEY: `sk-managed-${run}` };

const yaml = `
providers:
  - name: p-${run}
    kind: openai
    apiKey: \${MANAGED_TEST_KEY}
models:
  - name: m-${run}
    provider: p-${run}
    upstreamModel: gpt-4o-mini
    inputPricePerMTok: 0.15
    outputPricePerMTok: 0.6
teams:
  - name: t-${run}
quotas:
  - scope: team
    scopeName: t-${run}
    period: monthly
    maxCalls: 100
rateLimits:
  - scope: team
    scopeName: t-${run}
    rpm: 60
alertRules:
  - name: a-${run}
    scope: team
    scopeName: t-${run}
    metric: spend
    thresholds: [10]
    channels:
      - type: webhook
        url: https://hooks.example.test/managed
`;

function write(text: string): string {
  const path = join(dir, `tollgate-${uniqueSuffix()}.yaml`);
  writeFileSync(path, text);
  return path;
}

const ids = { provider: "", model: "", team: "", quota: "", rule: "" };

beforeAll(async () => {
  enableTestAdminApiKey();
  dir = mkdtempSync(join(tmpdir(), "tollgate-managed-"));
  orgId = await ensureDefaultOrg();
  await applyConfigFile(write(yaml), { orgId, environment });
  ids.provider = (await db().provider.findFirstOrThrow({ where: { orgId, name: `p-${run}` } })).id;
  ids.model = (await db().model.findFirstOrThrow({ where: { orgId, name: `m-${run}` } })).id;
  ids.team = (await db().team.findFirstOrThrow({ where: { orgId, name: `t-${run}` } })).id;
  ids.quota = (await db().quota.findFirstOrThrow({ where: { orgId, scope: "team", scopeId: ids.team } })).id;
  ids.rule = (await db().alertRule.findFirstOrThrow({ where: { orgId, name: `a-${run}` } })).id;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The refusal every managed item gets: 409, its code, and where to change it instead. */
function expectRefused(result: { status: number; body: { error: { code: string; message: string } } }, what: RegExp): void {
  expect(result.status).toBe(409);
  expect(result.body.error.code).toBe("managed_by_config_file");
  expect(result.body.error.message).toMatch(what);
  expect(result.body.error.message).toContain("npm run config:apply -- --apply");
}

describe("items the configuration file owns, in the admin API", () => {
  it("are listed with managedBy", async () => {
    const listed = await callRoute(providers.GET, adminRequest(`/api/admin/providers?q=p-${run}`));
    expect(listed.status).toBe(200);
    expect(listed.body.data.find((p: { name: string }) => p.name === `p-${run}`)).toMatchObject({ managedBy: "config-file" });
    const one = await callRoute(team.GET, adminRequest(`/api/admin/teams/${ids.team}`), { id: ids.team });
    expect(one.body).toMatchObject({ name: `t-${run}`, managedBy: "config-file" });
  });

  it("refuse every change and deletion with 409 managed_by_config_file", async () => {
    expectRefused(await callRoute(provider.PATCH, adminRequest(`/api/admin/providers/${ids.provider}`, { method: "PATCH", body: { baseUrl: null } }), { id: ids.provider }), new RegExp(`provider "p-${run}"`));
    expectRefused(await callRoute(provider.DELETE, adminRequest(`/api/admin/providers/${ids.provider}`, { method: "DELETE" }), { id: ids.provider }), /provider/);
    expectRefused(await callRoute(model.PATCH, adminRequest(`/api/admin/models/${ids.model}`, { method: "PATCH", body: { inputPricePerMTok: 1 } }), { id: ids.model }), new RegExp(`model "m-${run}"`));
    expectRefused(
      await callRoute(routing.PUT, adminRequest(`/api/admin/models/${ids.model}/routing`, { method: "PUT", body: { strategy: "priority", deployments: [{ providerId: ids.provider, upstreamModel: "x" }] } }), { id: ids.model }),
      /model/,
    );
    expectRefused(await callRoute(team.PATCH, adminRequest(`/api/admin/teams/${ids.team}`, { method: "PATCH", body: { name: `renamed-${run}` } }), { id: ids.team }), new RegExp(`team "t-${run}"`));
    expectRefused(await callRoute(team.DELETE, adminRequest(`/api/admin/teams/${ids.team}`, { method: "DELETE" }), { id: ids.team }), /team/);
    expectRefused(await callRoute(quotas.PUT, adminRequest("/api/admin/quotas", { method: "PUT", body: { scope: "team", scopeId: ids.team, period: "monthly", maxCalls: 5 } })), /quota/);
    expectRefused(await callRoute(quota.DELETE, adminRequest(`/api/admin/quotas/${ids.quota}`, { method: "DELETE" }), { id: ids.quota }), /quota/);
    expectRefused(await callRoute(rateLimits.PUT, adminRequest("/api/admin/rate-limits", { method: "PUT", body: { scope: "team", scopeId: ids.team, rpm: 5 } })), /rate limit/);
    expectRefused(await callRoute(alertRule.PATCH, adminRequest(`/api/admin/alert-rules/${ids.rule}`, { method: "PATCH", body: { enabled: false } }), { id: ids.rule }), new RegExp(`alert rule "a-${run}"`));

    // Nothing was changed by the refused calls.
    expect(await db().team.findUniqueOrThrow({ where: { id: ids.team } })).toMatchObject({ name: `t-${run}` });
    expect(await db().quota.findUniqueOrThrow({ where: { id: ids.quota } })).toMatchObject({ maxCalls: 100 });
  });

  it("are the console's again once the file no longer lists them", async () => {
    const plan = await applyConfigFile(write("teams: []\n"), { orgId, environment });
    expect(plan.items.filter((i) => i.name.includes(run)).map((i) => `${i.action} ${i.kind}`)).toEqual(["unmanage alertRule", "unmanage rateLimit", "unmanage quota", "unmanage model", "unmanage team", "unmanage provider"]);
    const renamed = await callRoute(team.PATCH, adminRequest(`/api/admin/teams/${ids.team}`, { method: "PATCH", body: { name: `renamed-${run}` } }), { id: ids.team });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `renamed-${run}`, managedBy: null });
  });
});
