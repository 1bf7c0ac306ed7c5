// Tollgate runs one organization by default. Every data function still filters by orgId, so a
// multi-organization setup later is a matter of where the id comes from, not of rewriting queries.
import type { DbClient } from "../db";
import { db } from "../db";

const DEFAULT_ORG_NAME = "Default";
let cachedId: string | undefined;

export async function ensureDefaultOrg(client: DbClient = db()): Promise<string> {
  const existing = await client.organization.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (existing) return (cachedId = existing.id);
  const created = await client.organization.create({ data: { name: DEFAULT_ORG_NAME }, select: { id: true } });
  return (cachedId = created.id);
}

export async function defaultOrgId(): Promise<string> {
  return cachedId ?? ensureDefaultOrg();
}
