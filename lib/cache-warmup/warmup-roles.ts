import type { Role } from "../auth/rbac";

/** The cache page is org-wide: admins and viewers read warm-up jobs, only admins start or cancel them. */
export const WARMUP_READ_ROLES: readonly Role[] = ["admin", "viewer"];
