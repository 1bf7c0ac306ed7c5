// Usage rows as the API shows them: money in dollars, names next to ids (keys, users, teams, in one
// small lookup each instead of joins the schema does not model), the call's outcome, and the
// routing fields when routing records them.
import type { DbClient } from "../db";
import { microsToDollars } from "./money";
import type { UsageOutcome, UsageRecord } from "./schemas";

export type UsageRow = Awaited<ReturnType<DbClient["usageRecord"]["findMany"]>>[number];

export function outcomeOf(row: { status: number; refusal: string | null }): UsageOutcome {
  if (row.refusal) return "refused";
  return row.status >= 400 ? "error" : "ok";
}

/** A column routing adds to UsageRecord (issue 16): read when present, so the log shows it as soon as it exists. */
function routingField<T>(row: UsageRow, name: "deploymentId" | "attempts" | "fallbackModel"): T | undefined {
  const value = (row as unknown as Record<string, unknown>)[name];
  return value === undefined ? undefined : (value as T);
}

export interface UsageNames {
  keys: Map<string, { name: string; prefix: string }>;
  users: Map<string, string>;
  teams: Map<string, string>;
}

export async function namesFor(client: DbClient, rows: readonly UsageRow[]): Promise<UsageNames> {
  const ids = (pick: (r: UsageRow) => string | null) => [...new Set(rows.map(pick).filter((id): id is string => Boolean(id)))];
  const [keyIds, userIds, teamIds] = [ids((r) => r.keyId), ids((r) => r.userId), ids((r) => r.teamId)];
  const [keys, users, teams] = await Promise.all([
    keyIds.length ? client.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true, prefix: true } }) : [],
    userIds.length ? client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    teamIds.length ? client.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [],
  ]);
  return {
    keys: new Map(keys.map((k) => [k.id, { name: k.name, prefix: k.prefix }])),
    users: new Map(users.map((u) => [u.id, u.email])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  };
}

export function usageRecordView(r: UsageRow, names: UsageNames, captured: boolean): UsageRecord {
  const view: UsageRecord = {
    requestId: r.requestId,
    createdAt: r.createdAt.toISOString(),
    keyId: r.keyId,
    keyName: r.keyId ? (names.keys.get(r.keyId)?.name ?? null) : null,
    userId: r.userId,
    userEmail: r.userId ? (names.users.get(r.userId) ?? null) : null,
    teamId: r.teamId,
    teamName: r.teamId ? (names.teams.get(r.teamId) ?? null) : null,
    model: r.model,
    providerKind: r.providerKind,
    upstreamModel: r.upstreamModel,
    endpoint: r.endpoint,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cachedTokens: r.cachedTokens,
    cacheWriteTokens: r.cacheWriteTokens ?? 0,
    cost: microsToDollars(r.costMicros),
    latencyMs: r.latencyMs,
    ttftMs: r.ttftMs,
    streamed: r.streamed,
    status: r.status,
    errorType: r.errorType,
    estimated: r.estimated,
    cache: r.cache,
    costSaved: microsToDollars(r.costSavedMicros),
    outcome: outcomeOf(r),
    refusal: r.refusal,
    captured,
  };
  const deploymentId = routingField<string | null>(r, "deploymentId");
  const attempts = routingField<number | null>(r, "attempts");
  const fallbackModel = routingField<string | null>(r, "fallbackModel");
  if (deploymentId !== undefined) view.deploymentId = deploymentId;
  if (attempts !== undefined) view.attempts = attempts;
  if (fallbackModel !== undefined) view.fallbackModel = fallbackModel;
  return view;
}
