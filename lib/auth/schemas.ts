// The caller as the admin API reports it (GET /api/admin/me).
import { z } from "zod";
import { ROLES } from "./rbac";

export const principalSchema = z.object({
  /** The user id, or "admin-api-key" for calls made with ADMIN_API_KEY. */
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  orgId: z.string(),
  via: z.enum(["session", "admin-api-key"]),
});

export type PrincipalResponse = z.infer<typeof principalSchema>;
