// Audit log: query and response contracts for the admin API, the console page and the OpenAPI
// document. Dates are ISO 8601; a date-only `to` includes that whole (UTC) day, as on the usage page.
import { z } from "zod";
import { isoDateTime, listResponseSchema, paginationQuery } from "../http/list-schemas";
import { rangeEndParam, rangeStartParam } from "../usage/schemas";

const filterText = (max: number) => z.string().trim().min(1).max(max).optional();

export const auditFilterShape = {
  /** An actor id (exact) or part of an actor's email (case-insensitive). */
  actor: filterText(320),
  /** An exact action ("team.create") or a domain prefix ending in "." ("team."). */
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]*)*$/, "Use an action like team.create or a prefix like team.")
    .optional(),
  targetType: filterText(100),
  targetId: filterText(200),
  from: rangeStartParam.optional(),
  to: rangeEndParam.optional(),
};

export const auditFilterSchema = z.object(auditFilterShape);
export const listAuditLogQuerySchema = z.object({ ...auditFilterShape, ...paginationQuery });
export const exportAuditLogQuerySchema = z.object({ ...auditFilterShape, format: z.enum(["csv", "json"]).default("csv") });

export const auditActorTypeSchema = z.enum(["user", "admin-api-key", "system", "anonymous"]);

export const auditEntrySchema = z.object({
  id: z.number().int(),
  createdAt: isoDateTime,
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target before the change, secrets masked as "••••"; null for creates and sign-ins. */
  before: z.unknown().nullable(),
  /** The target after the change, secrets masked; null for deletes. */
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export const auditLogPageSchema = listResponseSchema(auditEntrySchema);

export const auditVerifyResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    /** Rows checked, from the first to the newest. */
    checked: z.number().int(),
    /** The newest row: record it elsewhere to also detect later truncation of the log's tail. */
    lastId: z.number().int().nullable(),
    lastHash: z.string().nullable(),
  }),
  z.object({
    ok: z.literal(false),
    /** Rows that verified before the break. */
    checked: z.number().int(),
    firstBrokenId: z.number().int(),
    reason: z.enum(["row_altered", "rows_missing", "chain_broken"]),
    message: z.string(),
  }),
]);

export type AuditFilter = z.output<typeof auditFilterSchema>;
export type ListAuditLogQuery = z.output<typeof listAuditLogQuerySchema>;
export type ExportAuditLogQuery = z.output<typeof exportAuditLogQuerySchema>;
export type AuditLogEntry = z.infer<typeof auditEntrySchema>;
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;
