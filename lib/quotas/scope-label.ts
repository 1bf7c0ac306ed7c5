// How a refusal names whose limit it hit: the key, user or team by the name the caller knows it by
// (from the principal, loaded and cached with the key), falling back to the id when no name is known.
import type { PrincipalNames } from "../principal/principal";

export type LimitScope = "key" | "user" | "team" | "org";

/** The display name of a scope, or null when the principal carries none (org: never named). */
export function scopeName(scope: LimitScope, names: PrincipalNames | undefined): string | null {
  if (!names || scope === "org") return null;
  return names[scope]?.trim() || null;
}

/** "key “ci”", "team “Platform”", "the organization"; "key k_123" when no name is known. */
export function scopeLabel(scope: LimitScope, scopeId: string, names: PrincipalNames | undefined): string {
  if (scope === "org") return "the organization";
  const name = scopeName(scope, names);
  return name ? `${scope} “${name}”` : `${scope} ${scopeId}`;
}
