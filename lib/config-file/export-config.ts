// `npm run config:export`: today's database state as a configuration file, in the shortest form that
// applies back to the same state (fields at their defaults are left out). Credentials are never
// exported: each is a ${VAR} reference, with a comment naming the variable to set before applying.
import { Document, type Scalar } from "yaml";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import type { ChannelSpec, DeploymentSpec, ModelSpec, ScopeTarget } from "./config-types";
import { readCurrentState } from "./current-state";
import { DEFAULT_ROUTING } from "./parse-models";

const DEFAULT_DEPLOYMENT: Record<string, unknown> = { weight: 1, priority: 0, maxConcurrency: null, state: "active" };

/** OPENAI_MAIN_API_KEY from "openai-main". */
export function variableName(...parts: string[]): string {
  return parts.map((part) => part.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "")).filter(Boolean).join("_");
}

/** The fields that are not at their default (null, or the given defaults). */
function nonDefault(fields: Record<string, unknown>, defaults: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([key, value]) => value !== null && value !== undefined && JSON.stringify(value) !== JSON.stringify(defaults[key])));
}

function deploymentEntry(d: DeploymentSpec): Record<string, unknown> {
  const { upstreamModel, ...rest } = d.fields;
  return { provider: d.provider, upstreamModel, ...nonDefault(rest, DEFAULT_DEPLOYMENT) };
}

function modelEntry(m: ModelSpec): Record<string, unknown> {
  const { deployments, strategy, ...settings } = m.routing;
  const changed = nonDefault(settings, DEFAULT_ROUTING as unknown as Record<string, unknown>);
  // The routing API's body always names its strategy.
  const routingSettings = strategy === DEFAULT_ROUTING.strategy && Object.keys(changed).length === 0 ? {} : { strategy, ...changed };
  const fields = nonDefault(m.fields, { enabled: true });
  const [only] = deployments;
  const simple = deployments.length === 1 && Object.keys(nonDefault({ ...only.fields, upstreamModel: null }, DEFAULT_DEPLOYMENT)).length === 0;
  if (deployments.length === 0) return { name: m.name, upstreamModel: m.upstreamModel, ...fields, ...(Object.keys(routingSettings).length ? { routing: routingSettings } : {}) };
  if (simple) return { name: m.name, provider: only.provider, upstreamModel: m.upstreamModel, ...fields, ...(Object.keys(routingSettings).length ? { routing: routingSettings } : {}) };
  return { name: m.name, ...fields, routing: { strategy, ...routingSettings, deployments: deployments.map(deploymentEntry) } };
}

/** scopeName for teams, users and tiers (portable), scopeId for keys (no unique name), nothing for the organization. */
function targetFields(target: ScopeTarget): Record<string, unknown> {
  if (target.scope === "org") return { scope: "org" };
  return target.by === "id" ? { scope: target.scope, scopeId: target.value } : { scope: target.scope, scopeName: target.value };
}

export async function exportConfig(options: { now?: Date; orgId?: string } = {}): Promise<string> {
  const orgId = options.orgId ?? (await ensureDefaultOrg());
  const current = await readCurrentState(db(), orgId);
  const credentials: { path: (string | number)[]; variable: string; note: string }[] = [];

  const providers = [...current.providers.values()].map((p, i) => {
    const variable = variableName(p.spec.name, "API_KEY");
    credentials.push({ path: ["providers", i, "apiKey"], variable, note: `set ${variable} to this provider's API key before applying (the stored key is not exported)` });
    return { name: p.spec.name, kind: p.spec.kind, ...(p.spec.baseUrl ? { baseUrl: p.spec.baseUrl } : {}), apiKey: `\${${variable}}` };
  });
  const channel = (rule: string, c: ChannelSpec, i: number, j: number) => {
    if (c.type === "email") return c;
    if (c.type === "slack") {
      const variable = variableName(rule, "SLACK_URL", String(j + 1));
      credentials.push({ path: ["alertRules", i, "channels", j, "url"], variable, note: `set ${variable} to the Slack incoming-webhook URL` });
      return { type: "slack", url: `\${${variable}}` };
    }
    if (c.secret === null) return { type: "webhook", url: c.url };
    const variable = variableName(rule, "WEBHOOK_SECRET", String(j + 1));
    credentials.push({ path: ["alertRules", i, "channels", j, "secret"], variable, note: `set ${variable} to the webhook's signing secret` });
    return { type: "webhook", url: c.url, secret: `\${${variable}}` };
  };

  const data: Record<string, unknown> = {
    version: 1,
    providers,
    teams: [...current.teams.values()].map((t) => ({ name: t.spec.name })),
    models: [...current.models.values()].map((m) => modelEntry(m.spec)),
    quotas: current.quotas.map(({ spec: q }) => ({ ...targetFields(q.target), period: q.period, ...nonDefault({ maxCalls: q.maxCalls, maxTokens: q.maxTokens, maxCost: q.maxCost }) })),
    rateLimits: current.rateLimits.map(({ spec: r }) => ({ ...targetFields(r.target), ...nonDefault({ rpm: r.rpm, tpm: r.tpm }) })),
    alertRules: current.alertRules.map(({ spec: r }, i) => ({
      name: r.name,
      ...targetFields(r.target),
      metric: r.metric,
      thresholds: r.thresholds,
      ...(r.window ? { window: r.window } : {}),
      channels: r.channels.map((c, j) => channel(r.name, c, i, j)),
      ...(r.enabled ? {} : { enabled: false }),
    })),
    ...(current.cacheSettings ? { cacheSettings: current.cacheSettings.spec } : {}),
  };
  for (const section of ["providers", "teams", "models", "quotas", "rateLimits", "alertRules"]) if ((data[section] as unknown[]).length === 0) delete data[section];

  const doc = new Document(data);
  doc.commentBefore =
    ` Tollgate configuration, exported ${(options.now ?? new Date()).toISOString()} (docs/configuration.md).\n` +
    " Apply with TOLLGATE_CONFIG=<this file> npm start, or npm run config:apply -- --apply.\n" +
    " Credentials are ${VAR} references to environment variables; set each one before applying.";
  for (const { path, note } of credentials) {
    const node = doc.getIn(path, true) as Scalar | undefined;
    if (node) node.comment = ` ${note}`;
  }
  return doc.toString({ lineWidth: 0 });
}
