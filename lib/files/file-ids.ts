// Ids in OpenAI's style, so scripts that look at them (or log them) see familiar shapes.
import { randomBytes } from "node:crypto";

export function newFileId(): string {
  return `file-${randomBytes(12).toString("hex")}`;
}

export function newBatchId(): string {
  return `batch_${randomBytes(12).toString("hex")}`;
}

/** Bounded before a lookup, so garbage never reaches the database as a huge string. */
export function isPlausibleId(id: string): boolean {
  return id.length > 0 && id.length <= 64 && /^[\w-]+$/.test(id);
}
