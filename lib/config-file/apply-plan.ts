// Writes a plan: every change in one database transaction (all of it or nothing), through the
// domains' own data functions where they take a transaction's client (their checks included), then,
// once committed, the usual change notifications so every replica reloads, and one audit entry per
// change with the configuration file as the actor.
import { appendAuditOrLog } from "../audit/audit-admin-change";
import { createAlertRule, deleteAlertRule, updateAlertRule } from "../alerts/rule-mutations";
import { forgetCachedAlertRules } from "../alerts/rule-cache";
import type { AlertMetric, AlertScope, AlertWindow } from "../alerts/alert-kinds";
import type { ChannelInput } from "../alerts/schemas";
import { maskSlackUrl } from "../alerts/stored-channels";
import { publishCacheSettingsChanged } from "../cache/cache-settings";
import type { DbClient } from "../db";
import { publishKeyInvalidation } from "../keys/key-invalidation";
import { publishCatalogChanged } from "../models/catalog-changed";
import { createModel, deleteModel, updateModel } from "../models/model-mutations";
import type { CreateModelInput, UpdateModelInput } from "../models/schemas";
import { createProvider, deleteProvider, updateProvider } from "../providers/provider-mutations";
import type { ProviderKindName } from "../providers/schemas";
import { publishGovernanceChanged } from "../quotas/governance-rules";
import { deleteQuota, upsertQuota } from "../quotas/quota-mutations";
import type { QuotaPeriod } from "../quotas/periods";
import type { QuotaScope } from "../quotas/schemas";
import { deleteRateLimit, upsertRateLimit } from "../rate-limits/rate-limit-mutations";
import type { RateLimitScope } from "../rate-limits/schemas";
import { createTeam, deleteTeam } from "../teams/team-mutations";
import type { AlertRuleSpec, ChannelSpec } from "./config-types";
import type { ConfigPlan, PlanItem } from "./build-plan";
import type { CurrentState } from "./current-state";
import { MANAGED_BY_CONFIG_FILE } from "./managed-by";
import { primaryDeployment } from "./parse-models";
import { writeRouting } from "./write-routing";

export const CONFIG_FILE_ACTOR = "config-file";
const managed = { managedBy: MANAGED_BY_CONFIG_FILE };

interface Ids {
  providers: Map<string, string>;
  teams: Map<string, string>;
}

function channelInput(channel: ChannelSpec): ChannelInput {
  return channel.type === "webhook" ? { type: "webhook", url: channel.url, secret: channel.secret } : channel;
}

function scopeIdOf(target: string, orgId: string, ids: Ids): string {
  if (target === "org") return orgId;
  const [scope, value] = [target.slice(0, target.indexOf(":")), target.slice(target.indexOf(":") + 1)];
  return scope === "team" ? ids.teams.get(value)! : value;
}

/** Creates or updates one item and marks it managed; returns its id. */
async function writeItem(tx: DbClient, item: PlanItem, orgId: string, ids: Ids, routings: (() => Promise<void>)[]): Promise<string | null> {
  if (item.action !== "create" && item.action !== "update") return null;
  const id = item.id;
  switch (item.kind) {
    case "provider": {
      const p = item.desired!;
      let providerId = id;
      if (!providerId) {
        providerId = (await createProvider({ orgId, input: { name: p.name, kind: p.kind as ProviderKindName, baseUrl: p.baseUrl, apiKey: p.apiKey! }, client: tx })).id;
      } else if (item.changes.some((c) => c !== "managedBy")) {
        const moves = item.changes.includes("kind") || item.changes.includes("baseUrl");
        const input = { kind: p.kind as ProviderKindName, baseUrl: p.baseUrl, ...(moves || item.changes.includes("apiKey") ? { apiKey: p.apiKey! } : {}) };
        await updateProvider({ orgId, id: providerId, input, client: tx });
      }
      await tx.provider.update({ where: { id: providerId }, data: managed });
      ids.providers.set(p.name, providerId);
      return providerId;
    }
    case "team": {
      const teamId = id ?? (await createTeam({ orgId, input: { name: item.desired!.name }, client: tx })).id;
      await tx.team.update({ where: { id: teamId }, data: managed });
      ids.teams.set(item.desired!.name, teamId);
      return teamId;
    }
    case "model": {
      const m = item.desired!;
      const primary = primaryDeployment(m.routing.deployments);
      let modelId = id;
      if (!modelId) {
        const input = { ...m.fields, name: m.name, upstreamModel: m.upstreamModel, providerId: primary ? ids.providers.get(primary.provider)! : null } as CreateModelInput;
        modelId = (await createModel({ orgId, input, client: tx })).id;
      } else {
        const scalars = item.changes.filter((c) => c in m.fields || (c === "upstreamModel" && !primary));
        const input = Object.fromEntries(scalars.map((c) => [c, c === "upstreamModel" ? m.upstreamModel : m.fields[c]])) as UpdateModelInput;
        if (scalars.length > 0) await updateModel({ orgId, id: modelId, input, client: tx });
      }
      await tx.model.update({ where: { id: modelId }, data: managed });
      // After every model exists: fallbacks and router candidates name other models of the file.
      const needsRouting = !id || item.changes.some((c) => c.startsWith("routing.") || c === "upstreamModel");
      const target = modelId;
      if (needsRouting) routings.push(() => writeRouting(tx, { orgId, modelId: target, routing: m.routing, providerIds: ids.providers }));
      return modelId;
    }
    case "quota": {
      const q = item.desired!;
      const [scope] = item.target.split(":");
      const input = { scope: scope as QuotaScope, scopeId: scopeIdOf(item.target, orgId, ids), period: q.period as QuotaPeriod, maxCalls: q.maxCalls, maxTokens: q.maxTokens, maxCost: q.maxCost };
      const { quota } = await upsertQuota({ orgId, input, client: tx });
      await tx.quota.update({ where: { id: quota.id }, data: managed });
      return quota.id;
    }
    case "rateLimit": {
      const r = item.desired!;
      const [scope] = item.target.split(":");
      const { rateLimit } = await upsertRateLimit({ orgId, input: { scope: scope as RateLimitScope, scopeId: scopeIdOf(item.target, orgId, ids), rpm: r.rpm, tpm: r.tpm }, client: tx });
      await tx.rateLimit.update({ where: { id: rateLimit.id }, data: managed });
      return rateLimit.id;
    }
    case "alertRule": {
      const r: AlertRuleSpec = item.desired!;
      const fields = {
        name: r.name,
        scope: r.target.scope as AlertScope,
        scopeId: item.target === "org" ? undefined : scopeIdOf(item.target, orgId, ids),
        metric: r.metric as AlertMetric,
        thresholds: r.thresholds,
        window: r.window as AlertWindow | null,
        enabled: r.enabled,
      };
      const ruleId = id
        ? (await updateAlertRule({ orgId, id, input: { ...fields, ...(item.changes.includes("channels") ? { channels: r.channels.map(channelInput) } : {}) }, client: tx })).id
        : (await createAlertRule({ orgId, input: { ...fields, channels: r.channels.map(channelInput) }, client: tx })).id;
      await tx.alertRule.update({ where: { id: ruleId }, data: managed });
      return ruleId;
    }
    case "cacheSettings": {
      const s = item.desired!;
      const data = { ...s, maxBytes: BigInt(s.maxBytes), ...managed };
      await tx.cacheSettings.upsert({ where: { orgId }, create: { orgId, ...data }, update: data });
      return orgId;
    }
  }
}

/** Unmanages (managedBy back to null) or, with prune, deletes what the file no longer lists. */
async function removeItem(tx: DbClient, item: PlanItem, orgId: string, teamKeys: string[]): Promise<void> {
  const id = item.id!;
  const unmanage = { managedBy: null };
  if (item.action === "unmanage") {
    if (item.kind === "provider") await tx.provider.update({ where: { id }, data: unmanage });
    else if (item.kind === "team") await tx.team.update({ where: { id }, data: unmanage });
    else if (item.kind === "model") await tx.model.update({ where: { id }, data: unmanage });
    else if (item.kind === "quota") await tx.quota.update({ where: { id }, data: unmanage });
    else if (item.kind === "rateLimit") await tx.rateLimit.update({ where: { id }, data: unmanage });
    else if (item.kind === "alertRule") await tx.alertRule.update({ where: { id }, data: unmanage });
    else await tx.cacheSettings.update({ where: { orgId }, data: unmanage });
    return;
  }
  if (item.action !== "delete") return;
  if (item.kind === "provider") await deleteProvider({ orgId, id, client: tx });
  else if (item.kind === "model") await deleteModel({ orgId, id, client: tx });
  else if (item.kind === "quota") await deleteQuota({ orgId, id, client: tx });
  else if (item.kind === "rateLimit") await deleteRateLimit({ orgId, id, client: tx });
  else if (item.kind === "alertRule") await deleteAlertRule({ orgId, id, client: tx });
  else if (item.kind === "cacheSettings") await tx.cacheSettings.delete({ where: { orgId } });
  else {
    const keys = await tx.apiKey.findMany({ where: { orgId, OR: [{ teamId: id }, { user: { teamId: id } }] }, select: { id: true } });
    teamKeys.push(...keys.map((k) => k.id));
    await deleteTeam({ orgId, id, client: tx });
  }
}

/** What the audit log keeps of an item: its spec without credentials (a Slack URL is masked; apiKey and secrets by the audit module). */
function auditSnapshot(item: PlanItem): unknown {
  if (item.desired === null) return null;
  if (item.kind !== "alertRule") return item.desired;
  return { ...item.desired, channels: item.desired!.channels.map((c) => (c.type === "slack" ? { ...c, url: maskSlackUrl(c.url) } : c)) };
}

const AUDIT_KINDS: Record<PlanItem["kind"], { action: string; targetType: string }> = {
  provider: { action: "provider", targetType: "provider" },
  team: { action: "team", targetType: "team" },
  model: { action: "model", targetType: "model" },
  quota: { action: "quota", targetType: "quota" },
  rateLimit: { action: "rate_limit", targetType: "rate_limit" },
  alertRule: { action: "alert_rule", targetType: "alert_rule" },
  cacheSettings: { action: "cache.settings", targetType: "cache-settings" },
};

/** Writes the plan's changes on the transaction's client; returns the ids of the rows it wrote, by plan item. */
export async function writePlan(tx: DbClient, plan: ConfigPlan, current: CurrentState): Promise<{ written: Map<PlanItem, string>; teamKeys: string[] }> {
  const orgId = current.orgId;
  const ids: Ids = {
    providers: new Map([...current.providers].map(([name, p]) => [name, p.id])),
    teams: new Map([...current.teams].map(([name, t]) => [name, t.id])),
  };
  const written = new Map<PlanItem, string>();
  const teamKeys: string[] = [];
  const routings: (() => Promise<void>)[] = [];
  for (const item of plan.items) {
    const id = await writeItem(tx, item, orgId, ids, routings);
    if (id) written.set(item, id);
  }
  for (const write of routings) await write();
  for (const item of plan.items) await removeItem(tx, item, orgId, teamKeys);
  return { written, teamKeys };
}

/** Once committed: every replica reloads, and each change is audited with the file as the actor. */
export async function afterCommit(plan: ConfigPlan, options: { orgId: string; file: string; written: Map<PlanItem, string>; teamKeys: string[] }): Promise<void> {
  const { orgId, file, written, teamKeys } = options;
  const changes = plan.items.filter((item) => item.action !== "unchanged");
  if (changes.length === 0) return;
  // The domains' functions announced their changes before the commit too; these come after it.
  await Promise.all([publishCatalogChanged(), publishGovernanceChanged(), publishCacheSettingsChanged(orgId), teamKeys.length ? publishKeyInvalidation(teamKeys) : null]);
  forgetCachedAlertRules();
  for (const item of changes) {
    const { action, targetType } = AUDIT_KINDS[item.kind];
    await appendAuditOrLog({
      orgId,
      actorType: "system",
      actorId: CONFIG_FILE_ACTOR,
      action: `${action}.${item.action}`,
      targetType,
      targetId: written.get(item) ?? item.id ?? item.name,
      after: { name: item.name, file, changes: item.changes, spec: auditSnapshot(item) },
    });
  }
}
