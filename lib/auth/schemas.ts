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

/**
 * What a sign-in needs: an email and a password. authorizeCredentials parses the submitted
 * credentials with it (an empty field is refused before any lookup) and the login form checks the
 * same fields, plus the email's format, so every problem shows at once before a round trip.
 */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Email is required"),
  password: z.string().min(1, "Password is required"),
});

export const signInFormSchema = signInSchema.extend({
  email: signInSchema.shape.email.pipe(z.email("Enter an email address like name@example.com")),
});
export type SignInFormValues = z.input<typeof signInFormSchema>;
