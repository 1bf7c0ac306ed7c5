// Rows the configuration file owns (managedBy = "config-file") are changed only by applying the
// file: the admin API, and so the console, refuse with a 409 that says where to change them. The
// routes call these before their mutation; lib/config-file's own writes go around them.
import { db } from "../db";
import { env } from "../env";
import { HttpError } from "../http/errors";

export class ManagedByConfigFileError extends HttpError {
  constructor(what: string) {
    const file = env().TOLLGATE_CONFIG;
    super(
      409,
      `Managed by the configuration file${file ? ` (${file})` : ""}: ${what}. Change it there and apply it (\`npm run config:apply -- --apply\`, or restart); ` +
        "to manage it here instead, remove it from the file and apply.",
      "invalid_request_error",
      "managed_by_config_file",
    );
  }
}

/** Throws the 409 when the item (as read, with its managedBy) is the file's. */
export function assertNotManaged(item: { managedBy?: string | null } | null | undefined, what: string): void {
  if (item?.managedBy) throw new ManagedByConfigFileError(what);
}

const named = (kind: string, name: string | undefined) => (name === undefined ? `this ${kind}` : `the ${kind} "${name}"`);

export async function assertProviderNotManaged(orgId: string, id: string): Promise<void> {
  const row = await db().provider.findFirst({ where: { id, orgId }, select: { name: true, managedBy: true } });
  assertNotManaged(row, named("provider", row?.name));
}

export async function assertModelNotManaged(orgId: string, id: string): Promise<void> {
  const row = await db().model.findFirst({ where: { id, orgId }, select: { name: true, managedBy: true } });
  assertNotManaged(row, named("model", row?.name));
}

/** A deployment belongs to its model: the file owns it when it owns the model. */
export async function assertDeploymentNotManaged(orgId: string, id: string): Promise<void> {
  const row = await db().deployment.findFirst({ where: { id, orgId }, select: { model: { select: { name: true, managedBy: true } } } });
  assertNotManaged(row?.model, `the routing of the model "${row?.model.name}"`);
}

export async function assertTeamNotManaged(orgId: string, id: string): Promise<void> {
  const row = await db().team.findFirst({ where: { id, orgId }, select: { name: true, managedBy: true } });
  assertNotManaged(row, named("team", row?.name));
}

export async function assertQuotaNotManaged(orgId: string, where: { id: string } | { scope: string; scopeId: string; period: string }): Promise<void> {
  const row = await db().quota.findFirst({ where: { orgId, ...where }, select: { managedBy: true, scope: true, period: true } });
  assertNotManaged(row, `this ${row?.period} ${row?.scope} quota`);
}

export async function assertRateLimitNotManaged(orgId: string, where: { id: string } | { scope: string; scopeId: string }): Promise<void> {
  const row = await db().rateLimit.findFirst({ where: { orgId, ...where }, select: { managedBy: true, scope: true } });
  assertNotManaged(row, `this ${row?.scope} rate limit`);
}

export async function assertAlertRuleNotManaged(orgId: string, id: string): Promise<void> {
  const row = await db().alertRule.findFirst({ where: { id, orgId }, select: { name: true, managedBy: true } });
  assertNotManaged(row, named("alert rule", row?.name));
}

export async function assertCacheSettingsNotManaged(orgId: string): Promise<void> {
  const row = await db().cacheSettings.findUnique({ where: { orgId }, select: { managedBy: true } });
  assertNotManaged(row, "the response cache's settings");
}
