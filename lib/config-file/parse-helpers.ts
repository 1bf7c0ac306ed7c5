// Checking one item of the file with the admin API's own zod schema: the item is turned into the
// body the API would take (names where the API takes ids get a stand-in id), parsed, and every
// issue is reported at the file's field (the API's `providerId` is the file's `provider`).
import type { z } from "zod";
import { env } from "../env";
import { outboundUrlRefusal } from "../net/outbound-url";
import type { ConfigIssue } from "./config-errors";
import type { ScopeTarget } from "./config-types";
import type { PathPart, YamlSource } from "./yaml-source";

/** Stands in for the id of something the file names; the reference itself is checked later. */
export const STAND_IN_ID = "config-file-reference";

export interface ItemContext {
  source: YamlSource;
  issues: ConfigIssue[];
}

export const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Reports keys the item may not have (a typo must not be ignored silently); true when there was none. */
export function checkKeys(context: ItemContext, item: Record<string, unknown>, allowed: readonly string[], path: PathPart[]): boolean {
  const unknown = Object.keys(item).filter((key) => !allowed.includes(key));
  for (const key of unknown) context.issues.push(context.source.issue([...path, key], `unknown field; expected one of ${allowed.join(", ")}.`, { at: "key" }));
  return unknown.length === 0;
}

/** Parses `input` with `schema`; issues land at `path` + the issue's path, renamed by `rename` (API field -> file field). */
export function parseWith<S extends z.ZodType>(
  context: ItemContext,
  schema: S,
  input: unknown,
  path: PathPart[],
  rename: (issuePath: PathPart[]) => PathPart[] = (p) => p,
): z.output<S> | null {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const issuePath = rename(issue.path.filter((p): p is PathPart => typeof p !== "symbol"));
    if (issue.code === "unrecognized_keys") {
      // Strict schemas (the cache settings) name the unknown keys: each is reported at its own line.
      for (const key of issue.keys) context.issues.push(context.source.issue([...path, ...issuePath, key], "unknown field.", { at: "key" }));
    } else context.issues.push(context.source.issue([...path, ...issuePath], issue.message));
  }
  return null;
}

/** Renames the first element of an issue path (the API's field) to the file's. */
export const renameField = (from: string, to: string) => (issuePath: PathPart[]) => (issuePath[0] === from ? [to, ...issuePath.slice(1)] : issuePath);

/**
 * The target of a quota, rate limit or alert rule: `scopeName` (a team's name, a user's e-mail, a key's
 * name, a tier) or `scopeId` (the API's field), none for the organization. Returns the target and the
 * id to give the API's schema.
 */
export function readScopeTarget(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): { target: ScopeTarget; scopeId: string | undefined; idField: string } | null {
  const scope = typeof item.scope === "string" ? item.scope : "";
  const { scopeName, scopeId } = item;
  if (scope === "org") {
    if (scopeName !== undefined || scopeId !== undefined) {
      context.issues.push(context.source.issue([...path, scopeName !== undefined ? "scopeName" : "scopeId"], 'the organization scope names no target: leave scopeName and scopeId out.'));
      return null;
    }
    return { target: { scope, by: null, value: "" }, scopeId: undefined, idField: "scopeId" };
  }
  if (scopeName !== undefined && scopeId !== undefined) {
    context.issues.push(context.source.issue([...path, "scopeId"], "give scopeName or scopeId, not both."));
    return null;
  }
  const given = scopeName ?? scopeId;
  if (given === undefined) {
    context.issues.push(context.source.issue(path, `scopeName is required for scope "${scope || "?"}" (a team's name, a user's e-mail, a key's name or a tier), or scopeId.`));
    return null;
  }
  if (typeof given !== "string" || given.trim() === "") {
    context.issues.push(context.source.issue([...path, scopeName !== undefined ? "scopeName" : "scopeId"], "must be a non-empty string."));
    return null;
  }
  const by = scopeName !== undefined ? "name" : "id";
  return { target: { scope, by, value: given.trim() }, scopeId: by === "id" ? given.trim() : STAND_IN_ID, idField: by === "name" ? "scopeName" : "scopeId" };
}

/** `null` for absent optional values, so the file's and the database's sides compare equal. */
export function nullIfAbsent<T extends Record<string, unknown>>(value: T, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, value[key] ?? null]));
}

/** The check the API makes when a URL is saved (lib/net/outbound-url.ts), reported at the file's line. */
export function checkOutboundUrl(context: ItemContext, url: string | null | undefined, path: PathPart[]): boolean {
  if (!url) return true;
  const refusal = outboundUrlRefusal(url, env().TOLLGATE_BLOCK_PRIVATE_NETWORKS);
  if (refusal) context.issues.push(context.source.issue(path, `this URL ${refusal}.`));
  return refusal === null;
}
