// Keyset pagination of the call log: a page ends at some (createdAt, requestId), and the next one
// starts strictly after it in the log's order (newest first). The database walks the createdAt
// index from there, so page 500 costs what page 1 costs; an offset would read and skip every row
// before it. The cursor is opaque to clients: base64url of "<epoch ms>.<requestId>".
import { ValidationError } from "../http/errors";

export interface UsageCursor {
  createdAt: Date;
  requestId: string;
}

export function encodeUsageCursor(cursor: UsageCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}.${cursor.requestId}`).toString("base64url");
}

export function decodeUsageCursor(text: string): UsageCursor {
  const decoded = Buffer.from(text, "base64url").toString("utf8");
  const dot = decoded.indexOf(".");
  const ms = Number(decoded.slice(0, dot));
  const requestId = decoded.slice(dot + 1);
  if (dot < 1 || !Number.isSafeInteger(ms) || requestId.length === 0 || requestId.length > 100) {
    throw new ValidationError("cursor: is not a cursor this API gave out; start again without it.", "cursor");
  }
  return { createdAt: new Date(ms), requestId };
}

/**
 * The rows after `cursor` in the order createdAt desc, requestId desc. The `lte` bound says nothing
 * the OR does not, but a planner only turns a plain bound into the start of an index range: without
 * it PostgreSQL walks the createdAt index from the newest row and filters its way down to the cursor
 * (11 s for a page 200 days back in 10 million records, instead of under 1 ms).
 */
export function afterCursor(cursor: UsageCursor) {
  return {
    createdAt: { lte: cursor.createdAt },
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, requestId: { lt: cursor.requestId } }],
  };
}
