// The plan: for each item of the file, create (not in the database), update (with the fields that
// differ; taking over an item the console made counts as an update of `managedBy`) or unchanged;
// for each item the file managed and no longer lists, unmanage (left as it is, editable in the
// console again) or, with `prune: true`, delete. Prices compare in micro-dollars, credentials by value.
import { dollarsToMicros } from "../usage/money";
import type { AlertRuleSpec, CacheSettingsSpec, ConfigFileSpec, ConfigKind, ModelSpec, ProviderSpec, QuotaSpec, RateLimitSpec, TeamSpec } from "./config-types";
import { storedTargetKey } from "./check-references";
import type { CurrentState, Stored } from "./current-state";
import { MANAGED_BY_CONFIG_FILE } from "./managed-by";
import type { PathPart } from "./yaml-source";

export type PlanAction = "create" | "update" | "unchanged" | "unmanage" | "delete";

interface PlanBase {
  name: string;
  action: PlanAction;
  /** the fields that differ (update); never their values, which may be credentials */
  changes: string[];
  /** the row's id when it exists */
  id: string | null;
  path: PathPart[] | null;
}

export type PlanItem =
  | (PlanBase & { kind: "provider"; desired: ProviderSpec | null })
  | (PlanBase & { kind: "team"; desired: TeamSpec | null })
  | (PlanBase & { kind: "model"; desired: ModelSpec | null })
  | (PlanBase & { kind: "quota"; desired: QuotaSpec | null; target: string })
  | (PlanBase & { kind: "rateLimit"; desired: RateLimitSpec | null; target: string })
  | (PlanBase & { kind: "alertRule"; desired: AlertRuleSpec | null; target: string })
  | (PlanBase & { kind: "cacheSettings"; desired: CacheSettingsSpec | null });

export interface ConfigPlan {
  prune: boolean;
  items: PlanItem[];
}

const isMoney = (field: string) => /PricePerMTok$/.test(field) || field === "maxCost";

/** JSON with sorted keys, so two objects with the same content compare equal. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function same(field: string, a: unknown, b: unknown): boolean {
  if (isMoney(field) && typeof a === "number" && typeof b === "number") return dollarsToMicros(a) === dollarsToMicros(b);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.every((item, i) => same(field, item, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same(key, (a as Record<string, unknown>)[key] ?? null, (b as Record<string, unknown>)[key] ?? null));
  }
  return stable(a ?? null) === stable(b ?? null);
}

function differing(desired: Record<string, unknown>, current: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((field) => !same(field, desired[field] ?? null, current[field] ?? null));
}

const MODEL_ROUTING_FIELDS = ["strategy", "maxRetries", "fallbackModels", "timeoutMs", "queueTimeoutMs", "router", "deployments"] as const;

function modelChanges(desired: ModelSpec, current: ModelSpec): string[] {
  return [
    ...differing(desired.fields, current.fields, Object.keys(desired.fields)),
    ...(desired.upstreamModel === current.upstreamModel ? [] : ["upstreamModel"]),
    ...differing(desired.routing as unknown as Record<string, unknown>, current.routing as unknown as Record<string, unknown>, MODEL_ROUTING_FIELDS).map((f) => `routing.${f}`),
  ];
}

/** The item's plan entry: create, or update/unchanged against what is stored. */
function compare<T>(stored: Stored<T> | undefined, changes: (current: T) => string[]): Pick<PlanBase, "action" | "changes" | "id"> {
  if (!stored) return { action: "create", changes: [], id: null };
  const fields = [...changes(stored.spec), ...(stored.managedBy === MANAGED_BY_CONFIG_FILE ? [] : ["managedBy"])];
  return { action: fields.length > 0 ? "update" : "unchanged", changes: fields, id: stored.id };
}

export function buildPlan(spec: ConfigFileSpec, current: CurrentState, targets: Map<string, string>): ConfigPlan {
  const items: PlanItem[] = [];
  const gone = (kind: ConfigKind, name: string, id: string, managedBy: string | null, listed: boolean): PlanItem | null => {
    if (listed || managedBy !== MANAGED_BY_CONFIG_FILE) return null;
    // Nothing is desired of a removal: one shape fits every kind (target only matters to what is written).
    return { kind, name, id, action: spec.prune ? "delete" : "unmanage", changes: [], path: null, desired: null, target: "" } as unknown as PlanItem;
  };

  for (const { path, spec: p } of spec.providers) {
    items.push({ kind: "provider", name: p.name, path, desired: p, ...compare(current.providers.get(p.name), (c) => differing({ ...p }, { ...c }, ["kind", "baseUrl", "apiKey"])) });
  }
  for (const { path, spec: t } of spec.teams) items.push({ kind: "team", name: t.name, path, desired: t, ...compare(current.teams.get(t.name), () => []) });
  for (const { path, spec: m } of spec.models) items.push({ kind: "model", name: m.name, path, desired: m, ...compare(current.models.get(m.name), (c) => modelChanges(m, c)) });

  const byTarget = <T extends { target: { scope: string } }>(rows: Stored<T & { scopeId: string }>[], key: (row: Stored<T & { scopeId: string }>) => string) => new Map(rows.map((row) => [key(row), row]));
  const quotas = byTarget(current.quotas, (q) => `${storedTargetKey(q.spec.target, q.spec.scopeId)}|${q.spec.period}`);
  const rateLimits = byTarget(current.rateLimits, (r) => storedTargetKey(r.spec.target, r.spec.scopeId));
  const listed = { quotas: new Set<string>(), rateLimits: new Set<string>() };
  for (const { path, spec: q } of spec.quotas) {
    const target = targets.get(path.join("."))!;
    const key = `${target}|${q.period}`;
    listed.quotas.add(key);
    items.push({ kind: "quota", name: `${target} ${q.period}`, path, desired: q, target, ...compare(quotas.get(key), (c) => differing({ ...q }, { ...c }, ["maxCalls", "maxTokens", "maxCost"])) });
  }
  for (const { path, spec: r } of spec.rateLimits) {
    const target = targets.get(path.join("."))!;
    listed.rateLimits.add(target);
    items.push({ kind: "rateLimit", name: target, path, desired: r, target, ...compare(rateLimits.get(target), (c) => differing({ ...r }, { ...c }, ["rpm", "tpm"])) });
  }
  const rulesByName = new Map(current.alertRules.map((r) => [r.spec.name, r]));
  for (const { path, spec: r } of spec.alertRules) {
    const target = targets.get(path.join("."))!;
    items.push({
      kind: "alertRule", name: r.name, path, desired: r, target,
      ...compare(rulesByName.get(r.name), (c) => [
        ...(storedTargetKey(c.target, c.scopeId) === target ? [] : ["scope"]),
        ...differing({ ...r }, { ...c }, ["metric", "thresholds", "window", "channels", "enabled"]),
      ]),
    });
  }
  if (spec.cacheSettings) {
    const { path, spec: s } = spec.cacheSettings;
    items.push({ kind: "cacheSettings", name: "cache settings", path, desired: s, ...compare(current.cacheSettings ?? undefined, (c) => differing({ ...s }, { ...c }, Object.keys(s))) });
  }

  // What the file managed and no longer lists, dependents first (an alert rule before its team).
  const fileNames = (list: { spec: { name: string } }[]) => new Set(list.map((i) => i.spec.name));
  const [ruleNames, modelNames, teamNames, providerNames] = [fileNames(spec.alertRules), fileNames(spec.models), fileNames(spec.teams), fileNames(spec.providers)];
  const removals = [
    ...current.alertRules.map((r) => gone("alertRule", r.spec.name, r.id, r.managedBy, ruleNames.has(r.spec.name))),
    ...[...rateLimits].map(([key, r]) => gone("rateLimit", key, r.id, r.managedBy, listed.rateLimits.has(key))),
    ...[...quotas].map(([key, q]) => gone("quota", key.replace("|", " "), q.id, q.managedBy, listed.quotas.has(key))),
    ...(current.cacheSettings ? [gone("cacheSettings", "cache settings", current.cacheSettings.id, current.cacheSettings.managedBy, spec.cacheSettings !== null)] : []),
    ...[...current.models.values()].map((m) => gone("model", m.spec.name, m.id, m.managedBy, modelNames.has(m.spec.name))),
    ...[...current.teams.values()].map((t) => gone("team", t.spec.name, t.id, t.managedBy, teamNames.has(t.spec.name))),
    ...[...current.providers.values()].map((p) => gone("provider", p.spec.name, p.id, p.managedBy, providerNames.has(p.spec.name))),
  ];
  for (const removal of removals) if (removal) items.push(removal);
  return { prune: spec.prune, items };
}

/** Names of what the file managed, no longer lists and (with prune) deletes: references to them are errors. */
export function removedNames(spec: ConfigFileSpec, current: CurrentState): { providers: Set<string>; teams: Set<string>; models: Set<string> } {
  const removed = <T extends { managedBy: string | null }>(stored: Map<string, T>, listed: { spec: { name: string } }[]) => {
    if (!spec.prune) return new Set<string>();
    const names = new Set(listed.map((i) => i.spec.name));
    return new Set([...stored].filter(([name, row]) => row.managedBy === MANAGED_BY_CONFIG_FILE && !names.has(name)).map(([name]) => name));
  };
  return { providers: removed(current.providers, spec.providers), teams: removed(current.teams, spec.teams), models: removed(current.models, spec.models) };
}
