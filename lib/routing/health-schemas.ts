// The Health API's contracts (GET /api/admin/health/deployments, GET /api/admin/health/ejections,
// POST /api/admin/deployments/{id}/restore).
// Pure zod: the console's Health page imports the same schemas.
import { z } from "zod";
import { idSchema, isoDateParam, isoDateTime, listResponseSchema } from "../http/list-schemas";
import { PROVIDER_KINDS } from "../providers/schemas";
import { DEPLOYMENT_STATES } from "./types";

export const DEPLOYMENT_HEALTH_STATES = ["healthy", "ejected", "half-open", "draining", "disabled"] as const;
export const EJECTION_REASONS = ["consecutive-failures", "error-rate", "probe-failed", "active-probe"] as const;

export const deploymentHealthQuerySchema = z.object({
  /** only this public model's deployments */
  model: z.string().trim().min(1).max(200).optional(),
  /** the window calls, errors and latencies are counted over (5-minute steps) */
  windowMinutes: z.coerce.number().int().min(5, "must be at least 5").max(1440, "must be at most 1440").default(60),
});

export const deploymentHealthSchema = z.object({
  id: idSchema,
  /** the public model name */
  model: z.string(),
  modelId: idSchema,
  /** the provider's name */
  provider: z.string(),
  providerId: idSchema,
  providerKind: z.enum(PROVIDER_KINDS),
  upstreamModel: z.string(),
  /** the admin's state first (draining, disabled), then the circuit breaker's */
  state: z.enum(DEPLOYMENT_HEALTH_STATES),
  adminState: z.enum(DEPLOYMENT_STATES),
  weight: z.number().int(),
  priority: z.number().int(),
  /** upstream attempts in the window (retried failures included) */
  calls: z.number().int(),
  /** calls running on it right now, added up over the threads and replicas that answered the census */
  inFlight: z.number().int(),
  /** of those, the deployment's failures: 429, 5xx, timeouts, refused or cut connections */
  errors: z.number().int(),
  /** errors / calls, 0 without calls */
  errorRate: z.number(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  ttftP50Ms: z.number().nullable(),
  ttftP95Ms: z.number().nullable(),
  /** until when the breaker keeps it out (state ejected); when the cool-down ended (half-open) */
  ejectedUntil: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: isoDateTime.nullable(),
  /** the start of the window the figures cover */
  since: isoDateTime,
});

export const deploymentHealthListSchema = z.array(deploymentHealthSchema);

/** POST /api/admin/deployments/{id}/restore: the circuit breaker reset on every replica. */
export const deploymentRestoreSchema = z.object({
  id: idSchema,
  model: z.string(),
  provider: z.string(),
  upstreamModel: z.string(),
  /** the breaker's state before: healthy (only its failure streak was forgotten), ejected or half-open */
  previousState: z.enum(["healthy", "ejected", "half-open"]),
  /** when the ejection it ended would have ended; null when it was not ejected */
  previousEjectedUntil: isoDateTime.nullable(),
  /** true when an ejection (or a half-open wait) ended */
  restored: z.boolean(),
  /** the deployment's state now: healthy, or the admin's draining or disabled (a restore does not change those) */
  state: z.enum(DEPLOYMENT_HEALTH_STATES),
});

export const ejectionQuerySchema = z.object({
  deploymentId: idSchema.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  /** ejections at or after this instant */
  from: isoDateParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ejectionSchema = z.object({
  id: idSchema,
  deploymentId: idSchema,
  model: z.string(),
  provider: z.string().nullable(),
  ejectedAt: isoDateTime,
  until: isoDateTime,
  reason: z.enum(EJECTION_REASONS),
  lastError: z.string().nullable(),
});

export const ejectionListSchema = listResponseSchema(ejectionSchema);

export type DeploymentHealth = z.infer<typeof deploymentHealthSchema>;
export type DeploymentRestore = z.infer<typeof deploymentRestoreSchema>;
export type DeploymentHealthQuery = z.output<typeof deploymentHealthQuerySchema>;
export type Ejection = z.infer<typeof ejectionSchema>;
export type EjectionQuery = z.output<typeof ejectionQuerySchema>;
