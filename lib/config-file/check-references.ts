// The file's references, checked against the file itself and the database before anything is
// written: deployments' providers, fallback and router models, the teams, users and keys that
// quotas, rate limits and alert rules name, e-mail channels (SMTP), the cache's embedding model.
// Also the identity of each quota, rate limit and alert rule target ("team:search", "user:<id>").
import { isSmtpConfigured, SMTP_NOT_CONFIGURED } from "../alerts/smtp-config";
import { BUILTIN_EMBEDDER } from "../cache/schemas";
import { TIERS } from "../quotas/schemas";
import type { ConfigIssue } from "./config-errors";
import type { ConfigFileSpec, FileItem, ScopeTarget } from "./config-types";
import type { CurrentState } from "./current-state";
import type { PathPart, YamlSource } from "./yaml-source";

/** Provider kinds with an embeddings API (lib/gateway/providers), as the cache settings API checks. */
const EMBEDDING_KINDS = new Set(["openai", "openai-compatible", "gemini"]);

/** The canonical identity of a target: teams by name (the file may create them), users and keys by id. */
export function targetKey(scope: string, value: string): string {
  return scope === "org" ? "org" : `${scope}:${value}`;
}

/** What the database's rows are keyed by, for the same comparison. */
export function storedTargetKey(target: ScopeTarget, scopeId: string): string {
  return target.scope === "team" ? targetKey("team", target.value) : targetKey(target.scope, scopeId);
}

export interface References {
  issues: ConfigIssue[];
  /** the canonical key of each quota, rate limit and alert rule target of the file, by its path */
  targets: Map<string, string>;
}

export function checkReferences(source: YamlSource, spec: ConfigFileSpec, current: CurrentState, removed: { providers: Set<string>; teams: Set<string>; models: Set<string> }): References {
  const issues: ConfigIssue[] = [];
  const at = (path: PathPart[], message: string) => issues.push(source.issue(path, message));
  const fileProviders = new Map(spec.providers.map((p) => [p.spec.name, p.spec]));
  const fileModels = new Map(spec.models.map((m) => [m.spec.name, m.spec]));
  const fileTeams = new Set(spec.teams.map((t) => t.spec.name));
  const exists = (name: string, file: { has(name: string): boolean }, stored: Map<string, unknown>, gone: Set<string>) => file.has(name) || (stored.has(name) && !gone.has(name));

  for (const model of spec.models) {
    const { routing, name } = model.spec;
    routing.deployments.forEach((d, i) => {
      if (!exists(d.provider, fileProviders, current.providers, removed.providers)) {
        at([...model.path, ...(model.spec.routing.deployments.length === 1 && !hasExplicit(source, model.path) ? ["provider"] : ["routing", "deployments", i, "provider"])], `no provider named "${d.provider}" in this file or the database.`);
      }
    });
    const isRouter = (other: string) => (fileModels.has(other) ? fileModels.get(other)!.routing.router !== null : Boolean(current.models.get(other)?.isRouter));
    const checkNames = (list: string[], field: PathPart[], what: string) =>
      list.forEach((other, i) => {
        if (other === name) at([...model.path, ...field, i], `a model cannot name itself as ${what}.`);
        else if (!exists(other, fileModels, current.models, removed.models)) at([...model.path, ...field, i], `no model named "${other}" in this file or the database.`);
        else if (isRouter(other)) at([...model.path, ...field, i], `${other} is an auto router; ${what}s must be models with deployments.`);
      });
    checkNames(routing.fallbackModels, ["routing", "fallbackModels"], "fallback");
    const router = routing.router as { candidates: string[]; rules: { use: string[] }[] } | null;
    if (router) {
      checkNames(router.candidates, ["routing", "router", "candidates"], "router candidate");
      router.rules.forEach((rule, r) =>
        rule.use.forEach((use, u) => {
          if (!router.candidates.includes(use)) at([...model.path, "routing", "router", "rules", r, "use", u], `${use} is not one of the router's candidates.`);
        }),
      );
    }
  }

  const targets = new Map<string, string>();
  const resolveTarget = (item: FileItem<{ target: ScopeTarget }>) => {
    const { scope, by, value } = item.spec.target;
    const field = [...item.path, by === "id" ? "scopeId" : "scopeName"];
    let key: string | null = null;
    if (scope === "org") key = "org";
    else if (scope === "tier") key = (TIERS as readonly string[]).includes(value) ? targetKey("tier", value) : null;
    else if (scope === "team") {
      const name = by === "id" ? [...current.teams.values()].find((t) => t.id === value)?.spec.name : value;
      key = name !== undefined && exists(name, fileTeams, current.teams, removed.teams) ? targetKey("team", name) : null;
    } else if (scope === "user") {
      const id = by === "id" ? ([...current.users.values()].includes(value) ? value : undefined) : current.users.get(value.toLowerCase());
      key = id === undefined ? null : targetKey("user", id);
    } else if (scope === "key") {
      const matches = by === "id" ? current.keys.filter((k) => k.id === value) : current.keys.filter((k) => k.name === value);
      if (matches.length > 1) return at(field, `${matches.length} keys are named "${value}"; name this one by its id (scopeId).`);
      key = matches.length === 1 ? targetKey("key", matches[0].id) : null;
    }
    if (key === null) return at(field, scope === "tier" ? `no tier "${value}"; tiers are ${TIERS.join(", ")}.` : `no ${scope} ${by === "id" ? "with id" : "named"} "${value}" in this file or the database.`);
    targets.set(item.path.join("."), key);
  };
  [...spec.quotas, ...spec.rateLimits, ...spec.alertRules].forEach(resolveTarget);
  noSameTarget(spec.quotas, (q) => `${targets.get(q.path.join("."))}:${q.spec.period}`, "a quota for this scope and period", targets, at);
  noSameTarget(spec.rateLimits, () => "", "rate limits for this scope", targets, at);

  if (!isSmtpConfigured()) {
    for (const rule of spec.alertRules) rule.spec.channels.forEach((c, i) => c.type === "email" && at([...rule.path, "channels", i, "to"], SMTP_NOT_CONFIGURED));
  }
  checkEmbedder(spec, current, removed, at);
  return { issues, targets };
}

/** A model written with `provider` has one deployment that the file did not list under routing. */
function hasExplicit(source: YamlSource, path: PathPart[]): boolean {
  let node: unknown = source.data;
  for (const part of [...path, "routing", "deployments"]) node = (node as Record<string | number, unknown> | undefined)?.[part];
  return node !== undefined;
}

function noSameTarget<T>(items: FileItem<T>[], suffix: (item: FileItem<T>) => string, what: string, targets: Map<string, string>, at: (path: PathPart[], message: string) => void): void {
  const seen = new Map<string, PathPart[]>();
  for (const item of items) {
    const target = targets.get(item.path.join("."));
    if (target === undefined) continue;
    const key = `${target}|${suffix(item)}`;
    const first = seen.get(key);
    if (first) at(item.path, `${what} is already defined at ${first.join(".")}.`);
    else seen.set(key, item.path);
  }
}

function checkEmbedder(spec: ConfigFileSpec, current: CurrentState, removed: { models: Set<string> }, at: (path: PathPart[], message: string) => void): void {
  const settings = spec.cacheSettings;
  if (!settings) return;
  const { embeddingModel, mode, shadow } = settings.spec;
  if ((mode === "semantic" || shadow) && embeddingModel === null) {
    return at([...settings.path, "embeddingModel"], `${mode === "semantic" ? "semantic mode" : "shadow mode"} needs an embedder: set embeddingModel to "builtin" or an embedding model.`);
  }
  if (embeddingModel === null || embeddingModel === BUILTIN_EMBEDDER) return;
  const fileModel = spec.models.find((m) => m.spec.name === embeddingModel)?.spec;
  const fileProviderKind = (name: string) => spec.providers.find((p) => p.spec.name === name)?.spec.kind ?? current.providers.get(name)?.spec.kind;
  const stored = removed.models.has(embeddingModel) ? undefined : current.models.get(embeddingModel);
  const enabled = fileModel ? fileModel.fields.enabled !== false : stored?.enabled;
  const kinds = fileModel ? fileModel.routing.deployments.map((d) => fileProviderKind(d.provider)) : (stored?.providerKinds ?? []);
  if (!enabled || kinds.length === 0) return at([...settings.path, "embeddingModel"], `the model \`${embeddingModel}\` does not exist, is not enabled or has no provider.`);
  if (!kinds.some((kind) => kind !== undefined && EMBEDDING_KINDS.has(kind))) at([...settings.path, "embeddingModel"], `the model \`${embeddingModel}\` is served by a provider without an embeddings API.`);
}
