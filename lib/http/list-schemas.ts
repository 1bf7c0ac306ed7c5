// Zod pieces shared by every domain's schemas.ts. Pure zod, no server imports: the console's client
// components import the same schemas.
import { z } from "zod";

export const paginationQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
};

/** The `{ data, total }` envelope of list endpoints; `total` counts the whole filter, not the page. */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int() });
}

/** A date or date-time in ISO 8601 ("2025-06-01" or "2025-06-01T12:00:00Z"), parsed to a Date. */
export const isoDateParam = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value));

/** Dates leave the API as ISO strings. */
export const isoDateTime = z.iso.datetime();

/** Ids are cuids; bounded so a garbage id never reaches the database as a huge string. */
export const idSchema = z.string().trim().min(1).max(64);

/** Optional text search (`q`) on list endpoints. */
export const searchText = z.string().trim().min(1).max(200).optional();
