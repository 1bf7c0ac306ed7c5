// The audit log's paths and named schemas. The component names are not in components.ts's closed
// ComponentName union, so they are cast here; auditComponents() must be merged into the document's
// components.schemas together with these paths.
import type { z } from "zod";
import {
  auditCheckpointResultSchema,
  auditEntrySchema,
  auditLogPageSchema,
  auditResealResultSchema,
  auditVerifyQuerySchema,
  auditVerifyResultSchema,
  exportAuditLogQuerySchema,
  listAuditLogQuerySchema,
  resealAuditLogBodySchema,
} from "../audit/schemas";
import type { ComponentName } from "./components";
import { toJsonSchema } from "./json-schema";
import { adminOperation } from "./operation";

const TAG = "Audit log";
const READERS = "admin, viewer";
const name = (component: "AuditLogPage" | "AuditVerifyResult" | "AuditCheckpointResult" | "ResealAuditLog" | "AuditResealResult") =>
  component as unknown as ComponentName;

export function auditComponents(): Record<string, z.ZodType> {
  return {
    AuditLogEntry: auditEntrySchema,
    AuditLogPage: auditLogPageSchema,
    AuditVerifyResult: auditVerifyResultSchema,
    AuditCheckpointResult: auditCheckpointResultSchema,
    ResealAuditLog: resealAuditLogBodySchema,
    AuditResealResult: auditResealResultSchema,
  };
}

function exportOperation() {
  const operation = adminOperation({
    summary: "Download the audit log (CSV or JSON) under a filter",
    tag: TAG,
    roles: READERS,
    query: exportAuditLogQuerySchema,
    ok: { status: 200, schema: name("AuditLogPage") },
  });
  const entry = toJsonSchema(auditEntrySchema, "output");
  return {
    ...operation,
    description: `${operation.description} Every matching entry, newest first, streamed as an attachment.`,
    responses: {
      ...operation.responses,
      200: {
        description: "The file. CSV: one header line, then one line per entry (before/after as JSON text).",
        content: {
          "text/csv": { schema: { type: "string" } },
          "application/json": { schema: { type: "array", items: entry } },
        },
      },
    },
  };
}

export function auditPaths(): Record<string, unknown> {
  return {
    "/api/admin/audit-log": {
      get: adminOperation({
        summary: "List audit entries, newest first",
        tag: TAG,
        roles: READERS,
        query: listAuditLogQuerySchema,
        ok: { status: 200, schema: name("AuditLogPage") },
      }),
    },
    "/api/admin/audit-log/verify": {
      get: adminOperation({
        summary: "Verify the keyed hash chain of the whole audit log against its signed checkpoint (and an optional anchor)",
        tag: TAG,
        roles: READERS,
        query: auditVerifyQuerySchema,
        ok: { status: 200, schema: name("AuditVerifyResult"), description: "`ok: true` with the rows checked and the head, or the first break and why" },
      }),
    },
    "/api/admin/audit-log/checkpoint": {
      get: adminOperation({
        summary: "The signed head of the audit chain (row count, newest id and hash), without walking the chain",
        tag: TAG,
        roles: READERS,
        ok: { status: 200, schema: name("AuditCheckpointResult") },
      }),
    },
    "/api/admin/audit-log/reseal": {
      post: adminOperation({
        summary: "Re-seal an audit log that does not verify, as it is (the break is recorded in an audit.chain_resealed entry)",
        tag: TAG,
        roles: "admin",
        body: name("ResealAuditLog"),
        ok: { status: 200, schema: name("AuditResealResult") },
        errors: [409],
      }),
    },
    "/api/admin/audit-log/export": { get: exportOperation() },
  };
}
