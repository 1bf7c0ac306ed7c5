// Seeds the price list into an organization's model catalog while the catalog is empty. A catalog
// with any model in it is the admin's and is never touched (so an admin who deletes every model
// gets the list back on the next boot; TOLLGATE_SEED_PRICES=false turns seeding off).
import type { DbClient } from "../db";
import { db } from "../db";
import { env } from "../env";
import { isUniqueViolation } from "../http/prisma-errors";
import { dollarsToMicros } from "../usage/money";
import { publishCatalogChanged } from "./catalog-changed";
import { PRICE_LIST, type PriceListEntry } from "./price-list";

/** Returns how many models were created (0 when disabled or the catalog already has models). */
export async function seedPriceList(options: {
  orgId: string;
  entries?: readonly PriceListEntry[];
  enabled?: boolean;
  client?: DbClient;
}): Promise<number> {
  const client = options.client ?? db();
  if (!(options.enabled ?? env().TOLLGATE_SEED_PRICES)) return 0;
  if ((await client.model.count({ where: { orgId: options.orgId } })) > 0) return 0;
  const entries = options.entries ?? PRICE_LIST;
  try {
    const { count } = await client.model.createMany({
      data: entries.map((entry) => ({
        orgId: options.orgId,
        name: entry.name,
        providerId: null,
        upstreamModel: entry.upstreamModel,
        inputPricePerMTok: dollarsToMicros(entry.input),
        outputPricePerMTok: dollarsToMicros(entry.output),
        cachedPricePerMTok: entry.cached === null ? null : dollarsToMicros(entry.cached),
        cacheWritePricePerMTok: entry.cacheWrite === undefined ? null : dollarsToMicros(entry.cacheWrite),
        contextWindow: entry.contextWindow,
        maxOutputTokens: entry.maxOutputTokens,
      })),
    });
    await publishCatalogChanged();
    return count;
  } catch (error) {
    // Another replica booting at the same moment seeded first: that is the outcome we wanted.
    if (isUniqueViolation(error)) return 0;
    throw error;
  }
}
