// Reading batches: for a key (OpenAI's objects, the key's user's batches only, newest first with
// OpenAI's cursor: `after` = the last id of the previous page) and for the console (every batch of
// the organization for admins and viewers, their own for developers, with progress and cost).
import { db } from "../db";
import type { FileOwner } from "../files/file-store";
import { isPlausibleId } from "../files/file-ids";
import { NotFoundError } from "../http/errors";
import type { ListResult } from "../http/list-query";
import { microsToDollars } from "../usage/money";
import { batchSelect, parseBatchErrors, toBatchObject, type BatchRow } from "./batch-object";
import { progressOf, type BatchProgress } from "./batch-progress";
import type { BatchObject, BatchStatus, ConsoleBatch } from "./schemas";

async function ownedBatchRow(owner: FileOwner, id: string): Promise<BatchRow> {
  const row = isPlausibleId(id) ? await db().batch.findFirst({ where: { id, orgId: owner.orgId, userId: owner.userId }, select: batchSelect }) : null;
  if (!row) throw new NotFoundError(`No such batch: ${id}.`, "batch_not_found", "batch_id");
  return row;
}

export async function getBatchObject(owner: FileOwner, id: string): Promise<BatchObject> {
  const row = await ownedBatchRow(owner, id);
  return toBatchObject(row, (await progressOf([row.id])).get(row.id)!);
}

export async function listBatchObjects(owner: FileOwner, query: { after?: string; limit: number }) {
  const cursor = query.after ? await ownedBatchRow(owner, query.after) : null;
  const rows = await db().batch.findMany({
    where: {
      orgId: owner.orgId,
      userId: owner.userId,
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: batchSelect,
  });
  const page = rows.slice(0, query.limit);
  const progress = await progressOf(page.map((row) => row.id));
  const data = page.map((row) => toBatchObject(row, progress.get(row.id)!));
  return { object: "list" as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: rows.length > query.limit };
}

type ConsoleRow = BatchRow & { user?: { email: string } | null };

function toConsoleBatch(row: BatchRow, progress: BatchProgress, names: { email: string | null; keyName: string | null; filename: string | null }): ConsoleBatch {
  const finishedAt = row.completedAt ?? row.failedAt ?? row.expiredAt ?? row.cancelledAt;
  return {
    id: row.id,
    status: row.status as BatchStatus,
    endpoint: row.endpoint,
    userId: row.userId,
    userEmail: names.email,
    keyId: row.keyId,
    keyName: names.keyName,
    inputFileId: row.inputFileId,
    inputFilename: names.filename,
    outputFileId: row.outputFileId,
    errorFileId: row.errorFileId,
    total: row.total,
    completed: progress.completed,
    failed: progress.failed,
    pending: progress.pending,
    running: progress.running,
    cost: microsToDollars(progress.costMicros),
    inputTokens: progress.inputTokens,
    outputTokens: progress.outputTokens,
    errors: parseBatchErrors(row.errors),
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, string>) : null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
  };
}

async function consoleBatches(rows: ConsoleRow[]): Promise<ConsoleBatch[]> {
  const ids = rows.map((row) => row.id);
  const [progress, users, keys, files] = await Promise.all([
    progressOf(ids),
    db().user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.userId))] } }, select: { id: true, email: true } }),
    db().apiKey.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.keyId))] } }, select: { id: true, name: true } }),
    db().batchFile.findMany({ where: { id: { in: rows.map((r) => r.inputFileId) } }, select: { id: true, filename: true } }),
  ]);
  const email = new Map(users.map((u) => [u.id, u.email]));
  const keyName = new Map(keys.map((k) => [k.id, k.name]));
  const filename = new Map(files.map((f) => [f.id, f.filename]));
  return rows.map((row) =>
    toConsoleBatch(row, progress.get(row.id)!, { email: email.get(row.userId) ?? null, keyName: keyName.get(row.keyId) ?? null, filename: filename.get(row.inputFileId) ?? null }),
  );
}

/** `userId` pins the list to one user (developers see only their own batches). */
export async function listConsoleBatches(options: { orgId: string; userId?: string; query: { status?: BatchStatus; page: number; pageSize: number } }): Promise<ListResult<ConsoleBatch>> {
  const where = { orgId: options.orgId, ...(options.userId ? { userId: options.userId } : {}), ...(options.query.status ? { status: options.query.status } : {}) };
  const [rows, total] = await Promise.all([
    db().batch.findMany({ where, select: batchSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (options.query.page - 1) * options.query.pageSize, take: options.query.pageSize }),
    db().batch.count({ where }),
  ]);
  return { data: await consoleBatches(rows), total };
}

export async function getConsoleBatchOrThrow(options: { orgId: string; userId?: string; id: string }): Promise<ConsoleBatch> {
  const row = isPlausibleId(options.id)
    ? await db().batch.findFirst({ where: { id: options.id, orgId: options.orgId, ...(options.userId ? { userId: options.userId } : {}) }, select: batchSelect })
    : null;
  if (!row) throw new NotFoundError(`Batch ${options.id} not found.`);
  return (await consoleBatches([row]))[0];
}
