// CSV and JSON downloads of the audit log under the console's current filter. Rows are streamed as
// they are read, so exporting a year of history does not build the file in memory first.
import { csvField } from "../csv/csv-field";
import type { AuditLogEntry } from "./schemas";

// Re-exported for audit-export.test.ts, which tests the field rules through this module.
export { csvField };

export const CSV_COLUMNS = [
  "id",
  "createdAt",
  "actorType",
  "actorId",
  "actorEmail",
  "action",
  "targetType",
  "targetId",
  "ip",
  "userAgent",
  "before",
  "after",
  "prevHash",
  "hash",
] as const satisfies readonly (keyof AuditLogEntry)[];

export function csvRow(entry: AuditLogEntry): string {
  return CSV_COLUMNS.map((column) => csvField(entry[column])).join(",") + "\r\n";
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(",") + "\r\n";
}

function fileName(format: "csv" | "json", now: Date): string {
  return `tollgate-audit-log-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.${format}`;
}

/** A download response whose body is produced row by row from `rows`. */
export function auditExportResponse(format: "csv" | "json", rows: AsyncIterable<AuditLogEntry>, now = new Date()): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let first = true;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      if (first) {
        controller.enqueue(encoder.encode(format === "csv" ? csvHeader() : "[\n"));
      }
      const next = await iterator.next();
      if (next.done) {
        done = true;
        if (format === "json") controller.enqueue(encoder.encode(first ? "]\n" : "\n]\n"));
        controller.close();
        return;
      }
      const text = format === "csv" ? csvRow(next.value) : `${first ? "" : ",\n"}${JSON.stringify(next.value)}`;
      first = false;
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName(format, now)}"`,
      "cache-control": "no-store",
    },
  });
}
