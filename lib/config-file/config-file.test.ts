// Configuration as code on the real database (SQLite or PostgreSQL): plan, apply, idempotence, what
// the file no longer lists (unmanage, or delete with prune), a plan made of every kind, and export
// applied back unchanged. Each test file works in an organization of its own, so the items it marks
// managed never meet another test's.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "../crypto/secret-box";
import { tollgateSecret } from "../crypto/tollgate-secret";
import { db } from "../db";
import { parseStoredChannels } from "../alerts/stored-channels";
import { uniqueSuffix } from "../../test/support/test-ids";
import { applyConfigFile, planConfigFile } from "./apply-config";
import type { ConfigPlan } from "./build-plan";
import { exportConfig } from "./export-config";

let dir: string;
let orgId: string;
const run = uniqueSuffix();
const env = { OPENAI_KEY: `sk-openai-${run}`, BACKUP_KEY: `sk-backup-${run}`, HOOK_SECRET: `hook-secret-${run}`, REGION_URL: "https://eu.api.example.test/v1" };

function file(yaml: string, name = "tollgate.yaml"): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

const actions = (plan: ConfigPlan) => plan.items.map((item) => `${item.action} ${item.kind} ${item.name}${item.changes.length ? ` (${item.changes.join(", ")})` : ""}`);
const options = () => ({ orgId, environment: env });

export function baseFile(): string {
  return `
version: 1
providers:
  - name: openai-${run}
    kind: openai
    apiKey: \${OPENAI_KEY}
  - name: backup-${run}
    kind: openai-compatible
    baseUrl: \${REGION_URL}
    apiKey: \${BACKUP_KEY}
teams:
  - name: search-${run}
models:
  - name: mini-${run}
    provider: openai-${run}
    upstreamModel: gpt-4o-mini
    inputPricePerMTok: 0.15
    outputPricePerMTok: 0.6
  - name: big-${run}
    inputPricePerMTok: 2.5
    outputPricePerMTok: 10
    contextWindow: 128000
    routing:
      strategy: weighted
      maxRetries: 1
      fallbackModels: [mini-${run}]
      deployments:
        - provider: openai-${run}
          upstreamModel: gpt-4o
          weight: 3
        - provider: backup-${run}
          upstreamModel: gpt-4o-eu
          weight: 1
          inputPricePerMTok: 3
quotas:
  - scope: team
    scopeName: search-${run}
    period: monthly
    maxCost: 250.5
  - scope: tier
    scopeName: free
    period: daily
    maxCalls: 1000
rateLimits:
  - scope: team
    scopeName: search-${run}
    rpm: 600
    tpm: 200000
alertRules:
  - name: search-spend-${run}
    scope: team
    scopeName: search-${run}
    metric: spend
    thresholds: [100, 50]
    window: 24h
    channels:
      - type: webhook
        url: https://hooks.example.test/tollgate
        secret: \${HOOK_SECRET}
cacheSettings:
  enabled: true
  ttlSeconds: 600
`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tollgate-config-"));
  orgId = (await db().organization.create({ data: { name: `config-file-${run}` } })).id;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("configuration as code", () => {
  it("plans every item as a create, writes nothing on a dry run, then applies all of it and marks it managed", async () => {
    const path = file(baseFile());
    const plan = await planConfigFile(path, options());
    expect(actions(plan)).toEqual([
      `create provider openai-${run}`,
      `create provider backup-${run}`,
      `create team search-${run}`,
      `create model mini-${run}`,
      `create model big-${run}`,
      `create quota team:search-${run} monthly`,
      "create quota tier:free daily",
      `create rateLimit team:search-${run}`,
      `create alertRule search-spend-${run}`,
      "create cacheSettings cache settings",
    ]);
    expect(await db().provider.count({ where: { orgId } })).toBe(0);

    const applied = await applyConfigFile(path, options());
    expect(actions(applied)).toEqual(actions(plan));

    const providers = await db().provider.findMany({ where: { orgId }, omit: { encryptedApiKey: false }, orderBy: { name: "asc" } });
    expect(providers.map((p) => [p.name, p.kind, p.baseUrl, p.managedBy])).toEqual([
      [`backup-${run}`, "openai-compatible", "https://eu.api.example.test/v1", "config-file"],
      [`openai-${run}`, "openai", null, "config-file"],
    ]);
    expect(decryptSecret(providers[1].encryptedApiKey, tollgateSecret())).toBe(env.OPENAI_KEY);

    const big = await db().model.findFirstOrThrow({ where: { orgId, name: `big-${run}` }, include: { deployments: { include: { provider: true }, orderBy: { position: "asc" } } } });
    expect(big).toMatchObject({ routingStrategy: "weighted", maxRetries: 1, fallbackModels: JSON.stringify([`mini-${run}`]), contextWindow: 128000, inputPricePerMTok: 2_500_000n, upstreamModel: "gpt-4o", managedBy: "config-file" });
    expect(big.deployments.map((d) => [d.provider.name, d.upstreamModel, d.weight, d.inputPricePerMTok])).toEqual([
      [`openai-${run}`, "gpt-4o", 3, null],
      [`backup-${run}`, "gpt-4o-eu", 1, 3_000_000n],
    ]);
    const mini = await db().model.findFirstOrThrow({ where: { orgId, name: `mini-${run}` }, include: { deployments: true } });
    expect(mini.deployments).toHaveLength(1);
    expect(mini.providerId).toBe(providers[1].id);

    const team = await db().team.findFirstOrThrow({ where: { orgId, name: `search-${run}` } });
    expect(await db().quota.findFirst({ where: { orgId, scope: "team", scopeId: team.id, period: "monthly" } })).toMatchObject({ maxCostMicros: 250_500_000n, managedBy: "config-file" });
    expect(await db().rateLimit.findFirst({ where: { orgId, scope: "team", scopeId: team.id } })).toMatchObject({ rpm: 600, tpm: 200000, managedBy: "config-file" });
    const rule = await db().alertRule.findFirstOrThrow({ where: { orgId, name: `search-spend-${run}` } });
    expect(rule).toMatchObject({ scopeId: team.id, thresholds: "[50,100]", window: "24h", managedBy: "config-file" });
    const [channel] = parseStoredChannels(rule.channels);
    expect(channel.type === "webhook" && channel.encryptedSecret && decryptSecret(channel.encryptedSecret, tollgateSecret())).toBe(env.HOOK_SECRET);
    expect(await db().cacheSettings.findUnique({ where: { orgId } })).toMatchObject({ enabled: true, ttlSeconds: 600, mode: "exact", managedBy: "config-file" });

    // Every change is in the audit log, with the file as the actor and no credential in it.
    const audit = await db().auditLog.findMany({ where: { orgId, actorId: "config-file" } });
    expect(audit.map((a) => a.action).sort()).toEqual(
      ["alert_rule.create", "cache.settings.create", "model.create", "model.create", "provider.create", "provider.create", "quota.create", "quota.create", "rate_limit.create", "team.create"].sort(),
    );
    expect(JSON.stringify(audit)).not.toContain(env.OPENAI_KEY);
    expect(JSON.stringify(audit)).not.toContain(env.HOOK_SECRET);
  });

  it("is idempotent: applying the same file again finds everything unchanged and writes nothing", async () => {
    const path = file(baseFile());
    const auditBefore = await db().auditLog.count({ where: { orgId } });
    const plan = await applyConfigFile(path, options());
    expect(plan.items.every((item) => item.action === "unchanged")).toBe(true);
    expect(plan.items).toHaveLength(10);
    expect(await db().auditLog.count({ where: { orgId } })).toBe(auditBefore);
  });

  it("updates only what changed and names the fields, credentials included (never their values)", async () => {
    const changed = baseFile().replace("inputPricePerMTok: 0.15", "inputPricePerMTok: 0.2").replace("rpm: 600", "rpm: 900").replace("weight: 3", "weight: 5");
    const rotated = { orgId, environment: { ...env, OPENAI_KEY: `sk-rotated-${run}` } };
    // A dry run plans the same changes and writes none of them.
    const dryRun = await planConfigFile(file(changed), rotated);
    expect((await db().model.findFirstOrThrow({ where: { orgId, name: `mini-${run}` } })).inputPricePerMTok).toBe(150_000n);
    const plan = await applyConfigFile(file(changed), rotated);
    expect(actions(plan)).toEqual(actions(dryRun));
    expect(actions(plan).filter((a) => !a.startsWith("unchanged"))).toEqual([
      `update provider openai-${run} (apiKey)`,
      `update model mini-${run} (inputPricePerMTok)`,
      `update model big-${run} (routing.deployments)`,
      `update rateLimit team:search-${run} (rpm)`,
    ]);
    expect((await db().model.findFirstOrThrow({ where: { orgId, name: `mini-${run}` } })).inputPricePerMTok).toBe(200_000n);
    const provider = await db().provider.findFirstOrThrow({ where: { orgId, name: `openai-${run}` }, omit: { encryptedApiKey: false } });
    expect(decryptSecret(provider.encryptedApiKey, tollgateSecret())).toBe(`sk-rotated-${run}`);
    // Deployments are kept by provider and upstream model: same rows, new weight.
    const deployments = await db().deployment.findMany({ where: { model: { orgId, name: `big-${run}` } }, orderBy: { position: "asc" } });
    expect(deployments.map((d) => d.weight)).toEqual([5, 1]);
    await applyConfigFile(file(baseFile()), options()); // back to the base file for the next tests
  });

  it("unmanages what the file no longer lists, or deletes it with prune: true", async () => {
    const withoutRateLimit = baseFile().replace(/rateLimits:\n(?: {2}.*\n)+/, "");
    expect(actions(await planConfigFile(file(withoutRateLimit), options())).filter((a) => !a.startsWith("unchanged"))).toEqual([`unmanage rateLimit team:search-${run}`]);
    await applyConfigFile(file(withoutRateLimit), options());
    const team = await db().team.findFirstOrThrow({ where: { orgId, name: `search-${run}` } });
    expect(await db().rateLimit.findFirst({ where: { orgId, scopeId: team.id } })).toMatchObject({ rpm: 600, managedBy: null });

    // Taking an item the console made (or unmanaged) over is an update of managedBy only.
    expect(actions(await planConfigFile(file(baseFile()), options())).filter((a) => !a.startsWith("unchanged"))).toEqual([`update rateLimit team:search-${run} (managedBy)`]);
    await applyConfigFile(file(baseFile()), options());

    const pruned = `prune: true\n${withoutRateLimit.replace(/alertRules:\n(?: {2}.*\n|\s{4,}.*\n)+/, "")}`;
    const plan = await applyConfigFile(file(pruned), options());
    expect(actions(plan).filter((a) => !a.startsWith("unchanged"))).toEqual([`delete alertRule search-spend-${run}`, `delete rateLimit team:search-${run}`]);
    expect(await db().rateLimit.count({ where: { orgId } })).toBe(0);
    expect(await db().alertRule.count({ where: { orgId } })).toBe(0);
    await applyConfigFile(file(baseFile()), options());
  });

  it("exports the database as a file that applies back unchanged, with credentials as ${VAR} references", async () => {
    const yaml = await exportConfig({ orgId });
    expect(yaml).not.toContain(env.OPENAI_KEY);
    expect(yaml).not.toContain(env.HOOK_SECRET);
    const variable = `OPENAI_${run.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`.replace(/_+/g, "_");
    expect(yaml).toContain(`apiKey: \${${variable}} # set ${variable} to this provider's API key before applying`);
    const exported = file(yaml, "exported.yaml");
    const environment = {
      [variable]: env.OPENAI_KEY,
      [`BACKUP_${run.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`.replace(/_+/g, "_")]: env.BACKUP_KEY,
      [`SEARCH_SPEND_${run.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_WEBHOOK_SECRET_1`.replace(/_+/g, "_")]: env.HOOK_SECRET,
    };
    const plan = await planConfigFile(exported, { orgId, environment });
    expect(plan.items.filter((item) => item.action !== "unchanged").map((item) => `${item.kind} ${item.name}: ${item.changes.join(", ")}`)).toEqual([]);
    expect(plan.items).toHaveLength(10);
  });

  it("applies once when two processes apply the same file at the same time", async () => {
    const path = file(baseFile().replaceAll(run, `${run}-twice`), "twice.yaml");
    const [a, b] = await Promise.all([applyConfigFile(path, options()), applyConfigFile(path, options())]);
    const changed = [a, b].map((plan) => plan.items.filter((item) => item.action !== "unchanged").length).sort((x, y) => x - y);
    // One did the work (8 new items, the base file's 8 unmanaged; the tier quota and cache settings are the same); the other found it done.
    expect(changed).toEqual([0, 16]);
    expect(await db().provider.count({ where: { orgId, name: { contains: `${run}-twice` } } })).toBe(2);
  });
});
