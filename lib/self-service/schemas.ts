// The contracts of GET /v1/me and POST /v1/tokens/count (the OpenAPI document is built from them).
import { z } from "zod";

const amount = z.object({ used: z.number(), limit: z.number(), remaining: z.number() });

export const meSchema = z.object({
  key: z.object({ id: z.string(), name: z.string(), prefix: z.string() }),
  /** public model names the key may call, sorted */
  models: z.array(z.string()),
  quotas: z.array(
    z.object({
      scope: z.enum(["key", "user", "team", "org"]),
      period: z.enum(["daily", "monthly", "total"]),
      /** when the period ends; null for an all-time quota */
      resetsAt: z.string().nullable(),
      calls: amount.optional(),
      tokens: amount.optional(),
      /** dollars */
      cost: amount.optional(),
    }),
  ),
  rateLimits: z.array(
    z.object({
      scope: z.enum(["key", "user", "team"]),
      rpm: z.number().int().optional(),
      tpm: z.number().int().optional(),
      /** what the last 60 seconds leave (from the usage ledger) */
      remainingRequests: z.number().int().optional(),
      remainingTokens: z.number().int().optional(),
    }),
  ),
  /** dollars this calendar month (TOLLGATE_TIME_ZONE) */
  spendThisMonth: z.number(),
});

export const tokenCountRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown().optional() })).min(1),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  max_tokens: z.number().int().positive().optional(),
});

export const tokenCountSchema = z.object({
  /** the prompt's tokens, counted as the gateway counts them for quotas */
  input_tokens: z.number().int(),
  /** the model's context window; null when the catalog does not know it */
  context_window: z.number().int().nullable(),
  /** the prompt plus max_tokens (when given) fits the window; null when the window is unknown */
  fits: z.boolean().nullable(),
  /** dollars: the prompt and the most output the call may produce */
  max_cost: z.number(),
});

export type MeView = z.infer<typeof meSchema>;
export type TokenCount = z.infer<typeof tokenCountSchema>;
