// What the database holds for every kind the file covers, in the file's shape (config-types.ts):
// credentials decrypted (to compare with the environment's; they are never printed), prices in
// dollars, references by name. Also the names of everything a file may refer to.
import { decryptSecret } from "../crypto/secret-box";
import { tollgateSecret } from "../crypto/tollgate-secret";
import type { DbClient } from "../db";
import { parseStoredChannels } from "../alerts/stored-channels";
import { DEPLOYMENT_ORDER } from "../models/routing-queries";
import { microsToDollars } from "../usage/money";
import type { AlertRuleSpec, CacheSettingsSpec, ChannelSpec, ModelSpec, ProviderSpec, QuotaSpec, RateLimitSpec, ScopeTarget, TeamSpec } from "./config-types";
import { DEFAULT_ROUTING, DEPLOYMENT_FIELDS, MODEL_FIELDS } from "./parse-models";

export interface Stored<T> {
  id: string;
  managedBy: string | null;
  spec: T;
}

export interface CurrentState {
  orgId: string;
  providers: Map<string, Stored<ProviderSpec>>;
  teams: Map<string, Stored<TeamSpec>>;
  models: Map<string, Stored<ModelSpec> & { isRouter: boolean; enabled: boolean; providerKinds: string[] }>;
  quotas: Stored<QuotaSpec & { scopeId: string }>[];
  rateLimits: Stored<RateLimitSpec & { scopeId: string }>[];
  alertRules: Stored<AlertRuleSpec & { scopeId: string }>[];
  cacheSettings: Stored<CacheSettingsSpec> | null;
  /** users by e-mail and keys by id and by name, for scope targets */
  users: Map<string, string>;
  keys: { id: string; name: string }[];
}

const isPrice = (field: string) => /PricePerMTok$/.test(field);
const dollars = (field: string, value: unknown) => (isPrice(field) && typeof value === "bigint" ? microsToDollars(value) : value);

function decryptOrNull(sealed: string, secret: string): string | null {
  try {
    return decryptSecret(sealed, secret);
  } catch {
    return null; // sealed under another secret: the file's credential is written again
  }
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** How the file names a scope's target: teams by name, users by e-mail, keys by id, tiers by name. */
function targetOf(scope: string, scopeId: string, names: { teams: Map<string, string>; users: Map<string, string> }): ScopeTarget {
  if (scope === "org") return { scope, by: null, value: "" };
  if (scope === "team") return { scope, by: "name", value: names.teams.get(scopeId) ?? scopeId };
  if (scope === "user") return { scope, by: "name", value: names.users.get(scopeId) ?? scopeId };
  if (scope === "tier") return { scope, by: "name", value: scopeId };
  return { scope, by: "id", value: scopeId };
}

function toChannel(channel: ReturnType<typeof parseStoredChannels>[number], secret: string): ChannelSpec {
  if (channel.type === "webhook") return { type: "webhook", url: channel.url, secret: channel.encryptedSecret === null ? null : decryptOrNull(channel.encryptedSecret, secret) };
  if (channel.type === "slack") return { type: "slack", url: decryptOrNull(channel.encryptedUrl, secret) ?? "" };
  return { type: "email", to: channel.to };
}

export async function readCurrentState(client: DbClient, orgId: string): Promise<CurrentState> {
  const secret = tollgateSecret();
  const [providers, teams, models, quotas, rateLimits, alertRules, cache, users, keys] = await Promise.all([
    client.provider.findMany({ where: { orgId }, omit: { encryptedApiKey: false } }),
    client.team.findMany({ where: { orgId } }),
    client.model.findMany({ where: { orgId }, include: { deployments: { include: { provider: { select: { name: true, kind: true } } }, orderBy: [...DEPLOYMENT_ORDER] } } }),
    client.quota.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } }),
    client.rateLimit.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } }),
    client.alertRule.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } }),
    client.cacheSettings.findUnique({ where: { orgId } }),
    client.user.findMany({ where: { orgId }, select: { id: true, email: true } }),
    client.apiKey.findMany({ where: { orgId }, select: { id: true, name: true } }),
  ]);
  const names = { teams: new Map(teams.map((t) => [t.id, t.name])), users: new Map(users.map((u) => [u.id, u.email])) };

  const routingOf = (m: (typeof models)[number]) => ({
    strategy: m.routingStrategy,
    maxRetries: m.maxRetries,
    fallbackModels: parseJson<string[]>(m.fallbackModels, []),
    timeoutMs: m.timeoutMs,
    queueTimeoutMs: m.queueTimeoutMs,
    router: parseJson<unknown>(m.router, DEFAULT_ROUTING.router),
    deployments: m.deployments.map((d) => ({
      provider: d.provider.name,
      fields: Object.fromEntries(DEPLOYMENT_FIELDS.map((f) => [f, dollars(f, (d as Record<string, unknown>)[f] ?? null)])),
    })),
  });

  return {
    orgId,
    providers: new Map(
      providers.map((p) => [p.name, { id: p.id, managedBy: p.managedBy, spec: { name: p.name, kind: p.kind, baseUrl: p.baseUrl, apiKey: decryptOrNull(p.encryptedApiKey, secret) } }]),
    ),
    teams: new Map(teams.map((t) => [t.name, { id: t.id, managedBy: t.managedBy, spec: { name: t.name } }])),
    models: new Map(
      models.map((m) => [
        m.name,
        {
          id: m.id,
          managedBy: m.managedBy,
          isRouter: m.router !== null,
          enabled: m.enabled,
          providerKinds: m.deployments.map((d) => d.provider.kind),
          spec: {
            name: m.name,
            fields: Object.fromEntries(MODEL_FIELDS.map((f) => [f, dollars(f, (m as Record<string, unknown>)[f] ?? null)])),
            upstreamModel: m.upstreamModel,
            routing: routingOf(m),
          },
        },
      ]),
    ),
    quotas: quotas.map((q) => ({
      id: q.id,
      managedBy: q.managedBy,
      spec: {
        target: targetOf(q.scope, q.scopeId, names),
        scopeId: q.scopeId,
        period: q.period,
        maxCalls: q.maxCalls,
        maxTokens: q.maxTokens === null ? null : Number(q.maxTokens),
        maxCost: q.maxCostMicros === null ? null : microsToDollars(q.maxCostMicros),
      },
    })),
    rateLimits: rateLimits.map((r) => ({ id: r.id, managedBy: r.managedBy, spec: { target: targetOf(r.scope, r.scopeId, names), scopeId: r.scopeId, rpm: r.rpm, tpm: r.tpm } })),
    alertRules: alertRules.map((r) => ({
      id: r.id,
      managedBy: r.managedBy,
      spec: {
        name: r.name,
        target: targetOf(r.scope, r.scopeId, names),
        scopeId: r.scopeId,
        metric: r.metric,
        thresholds: parseJson<number[]>(r.thresholds, []),
        window: r.window,
        channels: parseStoredChannels(r.channels).map((c) => toChannel(c, secret)),
        enabled: r.enabled,
      },
    })),
    cacheSettings: cache && {
      id: cache.orgId,
      managedBy: cache.managedBy,
      spec: {
        enabled: cache.enabled,
        mode: cache.mode,
        namespace: cache.namespace,
        ttlSeconds: cache.ttlSeconds,
        maxEntries: cache.maxEntries,
        maxBytes: Number(cache.maxBytes),
        similarityThreshold: cache.similarityThreshold,
        embeddingModel: cache.embeddingModel,
        shadow: cache.shadow,
        admission: cache.admission,
      },
    },
    users: new Map(users.map((u) => [u.email.toLowerCase(), u.id])),
    keys,
  };
}
