// What a configuration file asks for, and what the database holds, in one shape per kind, so the
// plan is a comparison field by field. Field names and units are the admin API's (dollars, not
// micro-dollars); references are by name (a provider's, a team's), never by database id, except a
// key's, which has no unique name.
import type { PathPart } from "./yaml-source";

export const CONFIG_KINDS = ["provider", "team", "model", "quota", "rateLimit", "alertRule", "cacheSettings"] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export interface ProviderSpec {
  name: string;
  kind: string;
  baseUrl: string | null;
  /** the credential, read from the environment (file) or decrypted (database); never printed */
  apiKey: string | null;
}

export interface DeploymentSpec {
  /** the provider's name */
  provider: string;
  /** upstreamModel, weight, priority, maxConcurrency, prices, state: the routing API's fields */
  fields: Record<string, unknown>;
}

export interface RoutingSpec {
  strategy: string;
  maxRetries: number;
  fallbackModels: string[];
  timeoutMs: number | null;
  queueTimeoutMs: number | null;
  router: unknown;
  deployments: DeploymentSpec[];
}

export interface ModelSpec {
  name: string;
  /** the model API's own fields but name, providerId and upstreamModel (prices, limits, enabled, …) */
  fields: Record<string, unknown>;
  /** the primary deployment's upstream model, or the model's own when it has no deployment */
  upstreamModel: string;
  routing: RoutingSpec;
}

export interface TeamSpec {
  name: string;
}

/** What a quota, rate limit or alert rule applies to, as the file names it. */
export interface ScopeTarget {
  scope: string;
  /** how the file names it: by name (team name, user e-mail, key name, tier) or by id; null for the organization */
  by: "name" | "id" | null;
  value: string;
}

export interface QuotaSpec {
  target: ScopeTarget;
  period: string;
  maxCalls: number | null;
  maxTokens: number | null;
  maxCost: number | null;
}

export interface RateLimitSpec {
  target: ScopeTarget;
  rpm: number | null;
  tpm: number | null;
}

export type ChannelSpec = { type: "webhook"; url: string; secret: string | null } | { type: "slack"; url: string } | { type: "email"; to: string };

export interface AlertRuleSpec {
  name: string;
  target: ScopeTarget;
  metric: string;
  thresholds: number[];
  window: string | null;
  channels: ChannelSpec[];
  enabled: boolean;
}

export interface CacheSettingsSpec {
  enabled: boolean;
  mode: string;
  namespace: string;
  ttlSeconds: number;
  maxEntries: number;
  maxBytes: number;
  similarityThreshold: number;
  embeddingModel: string | null;
  shadow: boolean;
  admission: string;
}

/** An item of the file, with where it is written. */
export interface FileItem<T> {
  path: PathPart[];
  spec: T;
}

export interface ConfigFileSpec {
  /** delete, instead of only unmanaging, what the file managed and no longer lists */
  prune: boolean;
  providers: FileItem<ProviderSpec>[];
  teams: FileItem<TeamSpec>[];
  models: FileItem<ModelSpec>[];
  quotas: FileItem<QuotaSpec>[];
  rateLimits: FileItem<RateLimitSpec>[];
  alertRules: FileItem<AlertRuleSpec>[];
  cacheSettings: FileItem<CacheSettingsSpec> | null;
}
