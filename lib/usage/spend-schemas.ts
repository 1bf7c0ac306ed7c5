// Spend per key, user or team from the hourly rollups: the "this month" columns of the keys, users
// and teams lists (one grouped query for the ids on screen) and the dashboard's top spenders.
import { z } from "zod";
import { isoDateTime } from "../http/list-schemas";
import { rangeEndParam, rangeStartParam } from "./schemas";

export const SPEND_SCOPES = ["key", "user", "team"] as const;
export type SpendScope = (typeof SPEND_SCOPES)[number];
export const MAX_SPEND_IDS = 200;

export const spendQuerySchema = z.object({
  by: z.enum(SPEND_SCOPES, { error: `by: must be one of ${SPEND_SCOPES.join(", ")}.` }),
  /** Comma-separated ids: only these (every one of them, in spend order; ones without calls are left out). Without ids: the top `limit`. */
  ids: z
    .string()
    .trim()
    .max(MAX_SPEND_IDS * 40)
    .transform((text) => [...new Set(text.split(",").map((id) => id.trim()).filter(Boolean))])
    .refine((ids) => ids.length <= MAX_SPEND_IDS, { message: `ids: at most ${MAX_SPEND_IDS} ids.` })
    .optional(),
  /** Default: the start of this month (TOLLGATE_TIME_ZONE). */
  from: rangeStartParam.optional(),
  /** Default: now. */
  to: rangeEndParam.optional(),
  limit: z.coerce.number().int().min(1, "limit: must be at least 1.").max(100, "limit: must be at most 100.").default(10),
});

export const spendRowSchema = z.object({
  id: z.string(),
  /** the key's name, the user's email, the team's name; the id when it no longer exists */
  name: z.string(),
  /** keys: the prefix ("tg-AbC123"); users: their display name; null otherwise */
  detail: z.string().nullable(),
  calls: z.number().int(),
  /** dollars */
  cost: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
});

export const spendResponseSchema = z.object({
  by: z.enum(SPEND_SCOPES),
  from: isoDateTime,
  to: isoDateTime,
  /** most expensive first */
  data: z.array(spendRowSchema),
});

export type SpendQuery = z.output<typeof spendQuerySchema>;
export type SpendRow = z.infer<typeof spendRowSchema>;
export type SpendResponse = z.infer<typeof spendResponseSchema>;
