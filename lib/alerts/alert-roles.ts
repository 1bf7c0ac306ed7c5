import type { Role } from "../auth/rbac";

/** Alert rules and history concern the whole organization's traffic: admins and viewers read them, developers do not. */
export const ALERT_READ_ROLES: readonly Role[] = ["admin", "viewer"];
