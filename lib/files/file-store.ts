// Files in the database (BatchFile): an uploaded input's text in its row, so every replica serves a
// file another one received (a directory under ./data/ would hold it on one machine only); an output
// or error file is its batch's result lines, read in order when downloaded. A key sees only the
// files of its own user: another user's file is a 404, like one that does not exist.
import { db } from "../db";
import { ConflictError, NotFoundError } from "../http/errors";
import type { PullBody } from "../http/gateway-response";
import { isPlausibleId, newFileId } from "./file-ids";
import { notRunLine } from "./result-lines";
import { unixSeconds, type FileObject } from "./schemas";

/** Whose files a caller may see: the key's user, in the key's organization. */
export interface FileOwner {
  orgId: string;
  userId: string;
}

const FINISHED_BATCH = ["completed", "failed", "expired", "cancelled"];

type FileRow = { id: string; bytes: number; createdAt: Date; filename: string; purpose: string };

const fileSelect = { id: true, bytes: true, createdAt: true, filename: true, purpose: true } as const;

export function toFileObject(row: FileRow): FileObject {
  return {
    id: row.id,
    object: "file",
    bytes: row.bytes,
    created_at: unixSeconds(row.createdAt),
    filename: row.filename,
    purpose: row.purpose as FileObject["purpose"],
    status: "processed",
    expires_at: null,
    status_details: null,
  };
}

export async function createInputFile(options: { owner: FileOwner; keyId: string | null; filename: string; text: string; bytes: number }): Promise<FileObject> {
  const row = await db().batchFile.create({
    data: {
      id: newFileId(),
      orgId: options.owner.orgId,
      userId: options.owner.userId,
      keyId: options.keyId,
      purpose: "batch",
      filename: options.filename.slice(0, 255),
      bytes: options.bytes,
      content: options.text,
    },
    select: fileSelect,
  });
  return toFileObject(row);
}

export async function getFileRowOrThrow(owner: FileOwner, id: string) {
  const row = isPlausibleId(id)
    ? await db().batchFile.findFirst({ where: { id, orgId: owner.orgId, userId: owner.userId }, select: { ...fileSelect, batchId: true, kind: true } })
    : null;
  if (!row) throw new NotFoundError(`No such File object: ${id}`, "file_not_found", "file_id");
  return row;
}

export async function listFiles(owner: FileOwner, query: { purpose?: string; after?: string; limit: number; order: "asc" | "desc" }) {
  let cursor: { createdAt: Date; id: string } | null = null;
  if (query.after) cursor = await getFileRowOrThrow(owner, query.after);
  const before = query.order === "desc" ? "lt" : "gt";
  const rows = await db().batchFile.findMany({
    where: {
      orgId: owner.orgId,
      userId: owner.userId,
      ...(query.purpose ? { purpose: query.purpose } : {}),
      ...(cursor ? { OR: [{ createdAt: { [before]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [before]: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: query.order }, { id: query.order }],
    take: query.limit + 1,
    select: fileSelect,
  });
  const page = rows.slice(0, query.limit).map(toFileObject);
  return { object: "list" as const, data: page, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: rows.length > query.limit };
}

/** An input still in use by a running batch cannot go: the batch reads its lines from it while validating. */
export async function deleteFile(owner: FileOwner, id: string): Promise<{ id: string; object: "file"; deleted: true }> {
  const row = await getFileRowOrThrow(owner, id);
  const inUse = await db().batch.findFirst({ where: { inputFileId: row.id, status: { notIn: FINISHED_BATCH } }, select: { id: true } });
  if (inUse) throw new ConflictError(`The file is the input of ${inUse.id}, which has not finished; cancel it first.`, "file_id");
  await db().batchFile.delete({ where: { id: row.id } });
  return { id: row.id, object: "file", deleted: true };
}

const PAGE = 500;

/**
 * A batch's output or error file: its lines' results in input order, read a page at a time as the
 * client reads. A line the batch never sent (cancelled, expired) has no stored result: its error
 * line is written from how the batch ended.
 */
export function batchResultLines(batchId: string, kind: "output" | "error", endedAs?: string): PullBody {
  let afterSeq = -1;
  let done = false;
  let batchStatus: string | null = endedAs ?? null;
  return {
    async next() {
      if (done) return null;
      batchStatus ??= (await db().batch.findUnique({ where: { id: batchId }, select: { status: true } }))?.status ?? "failed";
      const rows = await db().batchLine.findMany({
        where: { batchId, outcome: kind, seq: { gt: afterSeq } },
        orderBy: { seq: "asc" },
        take: PAGE,
        select: { id: true, seq: true, customId: true, result: true },
      });
      if (rows.length < PAGE) done = true;
      if (rows.length === 0) return null;
      afterSeq = rows[rows.length - 1].seq;
      const status = batchStatus;
      return rows.map((row) => `${row.result ?? notRunLine({ lineRowId: row.id, customId: row.customId, batchStatus: status })}\n`).join("");
    },
    async cancel() {
      done = true;
    },
  };
}

/** The file's bytes: an input's stored text, or its batch's result lines. */
export async function fileContent(row: { id: string; batchId: string | null; kind: string | null }): Promise<string | PullBody> {
  if (row.batchId && (row.kind === "output" || row.kind === "error")) return batchResultLines(row.batchId, row.kind);
  const stored = await db().batchFile.findUnique({ where: { id: row.id }, select: { content: true } });
  return stored?.content ?? "";
}
