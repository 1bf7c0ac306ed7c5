// A model's routing (docs/routing.md): its deployments, strategy, retries, fallbacks, timeouts, or an
// auto router's candidates. Prices are dollars per 1M tokens at the API, micro-dollars inside.
// Pure zod: the console's forms import the same schemas.
import { z } from "zod";
import { idSchema, isoDateTime } from "../http/list-schemas";
import { PROVIDER_KINDS } from "../providers/schemas";
import { routerConfigSchema } from "../routing/auto-router";
import { DEPLOYMENT_STATES, ROUTING_STRATEGIES } from "../routing/types";

const priceSchema = z.number().min(0).max(1_000_000);
const upstreamModelSchema = z.string().trim().min(1).max(200);
const weightSchema = z.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000");
const prioritySchema = z.number().int().min(0, "must be 0 or more").max(1000, "must be at most 1000");
const concurrencySchema = z.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000");
const modelNameSchema = z.string().trim().min(1).max(200);

export const deploymentInputSchema = z.object({
  /** an existing deployment of this model to keep (its id, health and history); matched by provider and upstream model when absent */
  id: idSchema.optional(),
  providerId: idSchema,
  upstreamModel: upstreamModelSchema,
  weight: weightSchema.default(1),
  priority: prioritySchema.default(0),
  maxConcurrency: concurrencySchema.nullable().optional(),
  /** null or absent = the model's price */
  inputPricePerMTok: priceSchema.nullable().optional(),
  outputPricePerMTok: priceSchema.nullable().optional(),
  cachedPricePerMTok: priceSchema.nullable().optional(),
  cacheWritePricePerMTok: priceSchema.nullable().optional(),
  /** absent = active for a new deployment, unchanged for one kept */
  state: z.enum(DEPLOYMENT_STATES).optional(),
});

export const putRoutingSchema = z.object({
  strategy: z.enum(ROUTING_STRATEGIES, { error: `strategy: must be one of ${ROUTING_STRATEGIES.join(", ")}.` }),
  deployments: z.array(deploymentInputSchema).max(50, "at most 50 deployments"),
  maxRetries: z.number().int().min(0, "must be 0 or more").max(10, "must be at most 10").default(2),
  fallbackModels: z.array(modelNameSchema).max(10, "at most 10 fallback models").default([]),
  /** per-attempt upstream timeout; null = the server's GATEWAY_UPSTREAM_TIMEOUT_MS */
  timeoutMs: z.number().int().min(100, "must be at least 100").max(3_600_000, "must be at most 3600000").nullable().default(null),
  /** how long a call waits for a slot under maxConcurrency; null = ROUTING_QUEUE_TIMEOUT_MS */
  queueTimeoutMs: z.number().int().min(0, "must be 0 or more").max(600_000, "must be at most 600000").nullable().default(null),
  /** makes this model an auto router over other models (then it has no deployments) */
  router: routerConfigSchema.nullable().default(null),
});

export const patchDeploymentSchema = z
  .object({
    state: z.enum(DEPLOYMENT_STATES, { error: `state: must be one of ${DEPLOYMENT_STATES.join(", ")}.` }).optional(),
    weight: weightSchema.optional(),
    priority: prioritySchema.optional(),
    maxConcurrency: concurrencySchema.nullable().optional(),
    upstreamModel: upstreamModelSchema.optional(),
    inputPricePerMTok: priceSchema.nullable().optional(),
    outputPricePerMTok: priceSchema.nullable().optional(),
    cachedPricePerMTok: priceSchema.nullable().optional(),
    cacheWritePricePerMTok: priceSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Send at least one field to change (state, weight, priority, …)." });

export const deploymentSchema = z.object({
  id: idSchema,
  modelId: idSchema,
  /** the public model name */
  model: z.string(),
  providerId: idSchema,
  providerName: z.string(),
  providerKind: z.enum(PROVIDER_KINDS),
  upstreamModel: z.string(),
  weight: z.number().int(),
  priority: z.number().int(),
  maxConcurrency: z.number().int().nullable(),
  /** null = the model's price */
  inputPricePerMTok: z.number().nullable(),
  outputPricePerMTok: z.number().nullable(),
  cachedPricePerMTok: z.number().nullable(),
  cacheWritePricePerMTok: z.number().nullable(),
  state: z.enum(DEPLOYMENT_STATES),
  position: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const routingSchema = z.object({
  modelId: idSchema,
  model: z.string(),
  strategy: z.enum(ROUTING_STRATEGIES),
  maxRetries: z.number().int(),
  fallbackModels: z.array(z.string()),
  timeoutMs: z.number().int().nullable(),
  queueTimeoutMs: z.number().int().nullable(),
  router: routerConfigSchema.nullable(),
  /** by priority, then position */
  deployments: z.array(deploymentSchema),
});

export type DeploymentInput = z.output<typeof deploymentInputSchema>;
export type PutRoutingInput = z.output<typeof putRoutingSchema>;
export type PatchDeploymentInput = z.output<typeof patchDeploymentSchema>;
export type Deployment = z.infer<typeof deploymentSchema>;
export type Routing = z.infer<typeof routingSchema>;
