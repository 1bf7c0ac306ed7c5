// Turning body capture on and off for a key or a team. Every change reaches every replica's proxy
// through "capture-changed" (capture-rules.ts); the routes audit it.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { assertScopeExists, scopeNames, type VisibleScopes } from "../quotas/scopes";
import { publishCaptureChanged } from "./capture-rules";
import type { CaptureScope, CaptureSetting, UpsertCaptureSettingInput } from "./schemas";

type Row = { id: string; scope: string; scopeId: string; retentionHours: number; createdAt: Date };

async function toSettings(orgId: string, rows: readonly Row[], client: DbClient): Promise<CaptureSetting[]> {
  const names = await scopeNames(orgId, rows, client);
  return rows.map((r) => ({
    id: r.id, scope: r.scope as CaptureScope, scopeId: r.scopeId, scopeName: names.get(`${r.scope}:${r.scopeId}`) ?? null,
    retentionHours: r.retentionHours, createdAt: r.createdAt.toISOString(),
  }));
}

/** `visible`: a developer's own keys and team; undefined = everything in the organization. */
export async function listCaptureSettings(options: { orgId: string; scope?: CaptureScope; scopeId?: string; visible?: VisibleScopes; client?: DbClient }) {
  const client = options.client ?? db();
  const rows = await client.captureSetting.findMany({
    where: {
      orgId: options.orgId,
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.scopeId ? { scopeId: options.scopeId } : {}),
      ...(options.visible ? { OR: [{ scope: "key", scopeId: { in: options.visible.key } }, { scope: "team", scopeId: { in: options.visible.team } }] } : {}),
    },
    orderBy: { createdAt: "asc" },
  });
  const data = await toSettings(options.orgId, rows, client);
  return { data, total: data.length };
}

export async function upsertCaptureSetting(options: { orgId: string; input: UpsertCaptureSettingInput; client?: DbClient }): Promise<{ setting: CaptureSetting; before: CaptureSetting | null }> {
  const client = options.client ?? db();
  const { orgId, input } = options;
  await assertScopeExists({ orgId, scope: input.scope, scopeId: input.scopeId, client });
  const id = { orgId, scope: input.scope, scopeId: input.scopeId };
  const existing = await client.captureSetting.findUnique({ where: { orgId_scope_scopeId: id } });
  const row = await client.captureSetting.upsert({ where: { orgId_scope_scopeId: id }, create: { ...id, retentionHours: input.retentionHours }, update: { retentionHours: input.retentionHours } });
  await publishCaptureChanged();
  const [setting, before] = await toSettings(orgId, existing ? [row, existing] : [row], client);
  return { setting, before: before ?? null };
}

export async function deleteCaptureSetting(options: { orgId: string; scope: CaptureScope; scopeId: string; client?: DbClient }): Promise<CaptureSetting> {
  const client = options.client ?? db();
  const { orgId, scope, scopeId } = options;
  const row = await client.captureSetting.findUnique({ where: { orgId_scope_scopeId: { orgId, scope, scopeId } } });
  if (!row) throw new NotFoundError(`Body capture is not on for ${scope} ${scopeId}.`, "not_found", "scopeId");
  const [before] = await toSettings(orgId, [row], client);
  await client.captureSetting.delete({ where: { id: row.id } });
  await publishCaptureChanged();
  return before;
}
