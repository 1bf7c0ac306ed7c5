// Who may do what, as small pure checks the routes, pages and tests share.
//   admin      everything
//   developer  sees and manages only their own keys, sees only their own usage
//   viewer     reads everything, changes nothing
export const ROLES = ["admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ALL_ROLES: readonly Role[] = ROLES;
/** Roles allowed to call read endpoints whose data is then scoped by `readScopeUserId`. */
export const READ_ROLES: readonly Role[] = ROLES;
/** Roles that may create/update/revoke keys (developers only their own). */
export const KEY_WRITE_ROLES: readonly Role[] = ["admin", "developer"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Users, teams, providers, models, and everyone's keys. */
export function canManage(role: Role): boolean {
  return role === "admin";
}

/** May change anything at all (a developer only their own keys). */
export function canWrite(role: Role): boolean {
  return role === "admin" || role === "developer";
}

/** Sees every user's keys and usage, not just their own. */
export function canReadAll(role: Role): boolean {
  return role === "admin" || role === "viewer";
}

export function canReadKey(actor: { id: string; role: Role }, ownerId: string): boolean {
  return canReadAll(actor.role) || actor.id === ownerId;
}

export function canManageKey(actor: { id: string; role: Role }, ownerId: string): boolean {
  return canManage(actor.role) || (actor.role === "developer" && actor.id === ownerId);
}

/**
 * The user id a list/usage query must be pinned to, or undefined when the actor may see everyone.
 * Developers always get their own id, whatever filter they asked for.
 */
export function readScopeUserId(actor: { id: string; role: Role }): string | undefined {
  return canReadAll(actor.role) ? undefined : actor.id;
}
