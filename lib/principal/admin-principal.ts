// Who is calling the admin API: a console user (next-auth session) or the operator's ADMIN_API_KEY,
// which acts as an admin of the default organization. Not the proxy's caller (`Principal`,
// ./principal.ts): that one is resolved from a virtual key and carries model access and limits.
// A leaf of its own so the audit log and the domain routes can name it without importing the
// session code (lib/auth/admin-principal.ts) that itself writes audit rows.
import type { SessionUser } from "../auth/session-user";

export type AdminPrincipal = SessionUser & { via: "session" | "admin-api-key" };
