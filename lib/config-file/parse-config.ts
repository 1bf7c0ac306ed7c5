// The whole file checked against the admin API's schemas, without the database: its sections, each
// item of each, duplicates within the file. Returns what it asks for, or every problem found.
import { DEFAULT_CACHE_SETTINGS } from "../cache/cache-settings";
import { updateCacheSettingsSchema } from "../cache/schemas";
import { createProviderSchema } from "../providers/schemas";
import { createTeamSchema } from "../teams/schemas";
import type { ConfigIssue } from "./config-errors";
import type { CacheSettingsSpec, ConfigFileSpec, FileItem, ProviderSpec, TeamSpec } from "./config-types";
import { parseAlertRule, parseQuota, parseRateLimit } from "./parse-governance";
import { checkKeys, checkOutboundUrl, isRecord, parseWith, type ItemContext } from "./parse-helpers";
import { parseModel } from "./parse-models";
import type { PathPart, YamlSource } from "./yaml-source";

export const SECTIONS = ["providers", "teams", "models", "quotas", "rateLimits", "alertRules"] as const;
const TOP_LEVEL = ["version", "prune", ...SECTIONS, "cacheSettings"];

function parseProvider(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): FileItem<ProviderSpec> | null {
  if (!checkKeys(context, item, Object.keys(createProviderSchema.shape), path)) return null;
  const parsed = parseWith(context, createProviderSchema, item, path);
  if (!parsed || !checkOutboundUrl(context, parsed.baseUrl, [...path, "baseUrl"])) return null;
  return { path, spec: { name: parsed.name, kind: parsed.kind, baseUrl: parsed.baseUrl ?? null, apiKey: parsed.apiKey } };
}

function parseTeam(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): FileItem<TeamSpec> | null {
  if (!checkKeys(context, item, Object.keys(createTeamSchema.shape), path)) return null;
  const parsed = parseWith(context, createTeamSchema, item, path);
  return parsed && { path, spec: { name: parsed.name } };
}

function parseCacheSettings(context: ItemContext, raw: unknown): FileItem<CacheSettingsSpec> | null {
  const path = ["cacheSettings"];
  // Strict, like PUT /api/admin/cache/settings: an unknown setting is an error. What the file leaves out is the default.
  const parsed = parseWith(context, updateCacheSettingsSchema, raw, path);
  if (!parsed) return null;
  const { managedBy: _managedBy, updatedAt: _updatedAt, ...defaults } = DEFAULT_CACHE_SETTINGS;
  return { path, spec: { ...defaults, ...parsed } };
}

type ItemParser<T> = (context: ItemContext, item: Record<string, unknown>, path: PathPart[]) => FileItem<T> | null;

function parseSection<T>(context: ItemContext, data: Record<string, unknown>, section: string, parse: ItemParser<T>): FileItem<T>[] {
  const raw = data[section];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    context.issues.push(context.source.issue([section], "must be a list."));
    return [];
  }
  const items: FileItem<T>[] = [];
  raw.forEach((item, i) => {
    if (!isRecord(item)) context.issues.push(context.source.issue([section, i], "must be a map of fields."));
    else {
      const parsed = parse(context, item, [section, i]);
      if (parsed) items.push(parsed);
    }
  });
  return items;
}

/** Reports the second and later items with the same identity. */
function noDuplicates<T>(context: ItemContext, items: FileItem<T>[], identity: (spec: T) => string, what: string): void {
  const seen = new Map<string, PathPart[]>();
  for (const item of items) {
    const key = identity(item.spec);
    const first = seen.get(key);
    if (first) context.issues.push(context.source.issue(item.path, `${what} "${key}" is already defined at ${first.join(".")}.`));
    else seen.set(key, item.path);
  }
}

export function parseConfig(source: YamlSource, data: unknown): { spec: ConfigFileSpec | null; issues: ConfigIssue[] } {
  const context: ItemContext = { source, issues: [] };
  if (data === null || data === undefined) data = {};
  if (!isRecord(data)) return { spec: null, issues: [source.issue([], "the file must be a map with sections such as providers, models and teams.")] };
  checkKeys(context, data, TOP_LEVEL, []);
  if (data.version !== undefined && data.version !== 1) context.issues.push(source.issue(["version"], "must be 1 (the only version there is)."));
  if (data.prune !== undefined && typeof data.prune !== "boolean") context.issues.push(source.issue(["prune"], "must be true or false."));
  const spec: ConfigFileSpec = {
    prune: data.prune === true,
    providers: parseSection(context, data, "providers", parseProvider),
    teams: parseSection(context, data, "teams", parseTeam),
    models: parseSection(context, data, "models", parseModel),
    quotas: parseSection(context, data, "quotas", parseQuota),
    rateLimits: parseSection(context, data, "rateLimits", parseRateLimit),
    alertRules: parseSection(context, data, "alertRules", parseAlertRule),
    cacheSettings: data.cacheSettings === undefined || data.cacheSettings === null ? null : parseCacheSettings(context, data.cacheSettings),
  };
  noDuplicates(context, spec.providers, (s) => s.name, "a provider named");
  noDuplicates(context, spec.teams, (s) => s.name, "a team named");
  noDuplicates(context, spec.models, (s) => s.name, "a model named");
  noDuplicates(context, spec.alertRules, (s) => s.name, "an alert rule named");
  return context.issues.length > 0 ? { spec: null, issues: context.issues } : { spec, issues: [] };
}
