import type { Role } from "../auth/rbac";

/** Admins and viewers read the audit log; developers do not (it shows everyone's activity). */
export const AUDIT_READ_ROLES: readonly Role[] = ["admin", "viewer"];
