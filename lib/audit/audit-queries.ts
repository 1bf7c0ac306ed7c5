// Reading the audit log: filtered pages for the console and the API, and a batched iterator for
// exports, which may cover far more rows than fit in memory. Newest first.
import type { DbClient } from "../db";
import { db } from "../db";
import { ValidationError } from "../http/errors";
import { containsText, pageArgs, type ListResult } from "../http/list-query";
import type { AuditFilter, AuditLogEntry, ListAuditLogQuery } from "./schemas";

type AuditRow = {
  id: number;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
};

function parseSnapshot(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Only a hand-edited row can hold invalid JSON; show it as text rather than failing the page.
    return text;
  }
}

export function toAuditEntry(row: AuditRow): AuditLogEntry {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: parseSnapshot(row.before),
    after: parseSnapshot(row.after),
    ip: row.ip,
    userAgent: row.userAgent,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export function auditWhere(orgId: string, filter: AuditFilter) {
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    throw new ValidationError("from: must be before to.", "from");
  }
  const action = filter.action;
  return {
    orgId,
    ...(filter.actor ? { OR: [{ actorId: filter.actor }, { actorEmail: containsText(filter.actor) }] } : {}),
    ...(action ? { action: action.endsWith(".") ? { startsWith: action } : action } : {}),
    ...(filter.targetType ? { targetType: filter.targetType } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

export async function listAuditLog(options: {
  orgId: string;
  query: ListAuditLogQuery;
  client?: DbClient;
}): Promise<ListResult<AuditLogEntry>> {
  const client = options.client ?? db();
  const where = auditWhere(options.orgId, options.query);
  const [rows, total] = await Promise.all([
    client.auditLog.findMany({ where, orderBy: { id: "desc" }, ...pageArgs(options.query) }),
    client.auditLog.count({ where }),
  ]);
  return { data: rows.map(toAuditEntry), total };
}

const EXPORT_BATCH = 1000;

/** Every matching row, newest first, read in id-keyed batches (no OFFSET scans, bounded memory). */
export async function* iterateAuditLog(options: {
  orgId: string;
  filter: AuditFilter;
  client?: DbClient;
}): AsyncGenerator<AuditLogEntry> {
  const client = options.client ?? db();
  const where = auditWhere(options.orgId, options.filter);
  let beforeId: number | undefined;
  for (;;) {
    const rows = await client.auditLog.findMany({
      where: beforeId === undefined ? where : { AND: [where, { id: { lt: beforeId } }] },
      orderBy: { id: "desc" },
      take: EXPORT_BATCH,
    });
    for (const row of rows) yield toAuditEntry(row);
    if (rows.length < EXPORT_BATCH) return;
    beforeId = rows[rows.length - 1].id;
  }
}
