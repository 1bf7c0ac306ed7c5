// Run once at server start (and safe to run again, on every replica): the default organization,
// the audit chain's seal, its first admin when it has no users, and the seed price list when its
// catalog is empty.
import type { DbClient } from "../db";
import { sealAuditChainAtStart } from "../audit/seal-audit-chain-at-start";
import { db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { seedPriceList } from "../models/seed-price-list";
import { ensureDefaultOrg } from "../org/default-org";
import { seedTierQuotas } from "../quotas/tier-defaults";
import { ensureFirstAdmin, type CreatedAdmin } from "./first-admin";

export async function bootstrap(options: { client?: DbClient; print?: (text: string) => void } = {}): Promise<{
  orgId: string;
  createdAdmin?: CreatedAdmin;
}> {
  const client = options.client ?? db();
  const config = env();
  const orgId = await ensureDefaultOrg(client);
  // Before anything is appended: a log from before the keyed chain, or signed with the previous
  // secret, is verified and re-sealed under TOLLGATE_SECRET (docs/audit-log.md).
  await sealAuditChainAtStart({ orgId });
  const createdAdmin = await ensureFirstAdmin({
    orgId,
    email: config.ADMIN_EMAIL,
    password: config.ADMIN_PASSWORD,
    client,
    print: options.print,
  });
  if (createdAdmin) logger().info({ email: createdAdmin.email }, "created the first admin account");
  const seeded = await seedPriceList({ orgId, client });
  if (seeded > 0) logger().info({ models: seeded }, "seeded the model price list");
  const tierQuotas = await seedTierQuotas({ orgId, client });
  if (tierQuotas > 0) logger().info({ quotas: tierQuotas }, "seeded the default tier quotas");
  return { orgId, ...(createdAdmin ? { createdAdmin } : {}) };
}
