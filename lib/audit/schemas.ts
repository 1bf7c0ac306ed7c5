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

/** Why verify failed; the first five concern rows, the rest the signed checkpoint or an anchor. */
export const AUDIT_BREAK_REASONS = [
  "row_altered",
  "rows_missing",
  "chain_broken",
  "row_forged",
  "rows_truncated",
  "checkpoint_missing",
  "checkpoint_invalid",
  "checkpoint_mismatch",
  "key_mismatch",
  "chain_unsealed",
  "anchor_mismatch",
] as const;
export type AuditBreakReason = (typeof AUDIT_BREAK_REASONS)[number];

const hexHash = z.string().regex(/^[0-9a-f]{64}$/, "must be a 64-character hex hash (the lastHash of an earlier verify)");

/**
 * An external anchor: a head (id and hash) recorded earlier, outside the database. Verify checks
 * that the row still has that hash, which also catches a rollback of the table and the checkpoint
 * together to a state older than the anchor. The console's anchor form parses the same schema.
 */
export const auditAnchorSchema = z.object({
  anchorId: z.coerce.number("must be an entry number").int("must be an entry number").min(1, "must be an entry number (1 or more)"),
  anchorHash: hexHash,
});

export const auditVerifyQuerySchema = auditAnchorSchema
  .partial()
  .refine((q) => (q.anchorId === undefined) === (q.anchorHash === undefined), {
    message: "anchorId and anchorHash go together",
    path: ["anchorHash"],
  });

/** The signed head as stored, and whether its signature verifies under this server's key. */
export const auditCheckpointViewSchema = z.object({
  rowCount: z.number().int(),
  headId: z.number().int(),
  headHash: z.string(),
  /** The key that signed it; "legacy-sha256" for a log not yet sealed with a key. */
  keyId: z.string(),
  updatedAt: isoDateTime,
  signatureValid: z.boolean(),
});

export const auditAnchorResultSchema = z.object({
  id: z.number().int(),
  hash: z.string(),
  /** The row's hash now; null when the row no longer exists. */
  actualHash: z.string().nullable(),
  matches: z.boolean(),
});

const verifyContext = {
  /** This server's audit key id (derived from TOLLGATE_SECRET; not secret). */
  keyId: z.string(),
  checkpoint: auditCheckpointViewSchema.nullable(),
  /** Present when the request named an anchor. */
  anchor: auditAnchorResultSchema.optional(),
};

export const auditVerifyResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    /** Rows checked, from the first to the newest. */
    checked: z.number().int(),
    /** The newest row: record it elsewhere (an anchor) to also detect a later rollback. */
    lastId: z.number().int().nullable(),
    lastHash: z.string().nullable(),
    /** Id gaps a re-seal accepted (an admin sealed over missing rows; the audit.chain_resealed entry says which). */
    acceptedGaps: z.number().int(),
    ...verifyContext,
  }),
  z.object({
    ok: z.literal(false),
    /** Rows that verified before the break. */
    checked: z.number().int(),
    firstBrokenId: z.number().int(),
    reason: z.enum(AUDIT_BREAK_REASONS),
    message: z.string(),
    ...verifyContext,
  }),
]);

/** GET /api/admin/audit-log/checkpoint: the current signed head, without walking the chain. */
export const auditCheckpointResultSchema = z.object({
  keyId: z.string(),
  checkpoint: auditCheckpointViewSchema.nullable(),
});

/** POST /api/admin/audit-log/reseal: sealing over a break must be asked for explicitly. */
export const resealAuditLogBodySchema = z.object({
  acceptBrokenChain: z.literal(true, "must be true: re-sealing accepts the log as it is, break included"),
});

export const auditResealResultSchema = z.object({
  resealed: z.literal(true),
  /** Rows re-sealed, the audit.chain_resealed entry not included. */
  rows: z.number().int(),
  /** The audit.chain_resealed entry, now the head of the chain. */
  eventId: z.number().int(),
  head: z.object({ id: z.number().int(), hash: z.string() }),
  /** What verify reported before the re-seal. */
  accepted: z.object({ reason: z.enum(AUDIT_BREAK_REASONS), firstBrokenId: z.number().int(), message: z.string() }),
});

export type AuditFilter = z.output<typeof auditFilterSchema>;
export type ListAuditLogQuery = z.output<typeof listAuditLogQuerySchema>;
export type ExportAuditLogQuery = z.output<typeof exportAuditLogQuerySchema>;
export type AuditLogEntry = z.infer<typeof auditEntrySchema>;
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;
export type AuditVerifyFailure = Extract<AuditVerifyResult, { ok: false }>;
export type AuditVerifyQuery = z.output<typeof auditVerifyQuerySchema>;
export type AuditAnchor = z.output<typeof auditAnchorSchema>;
export type AuditCheckpointView = z.infer<typeof auditCheckpointViewSchema>;
export type AuditCheckpointResult = z.infer<typeof auditCheckpointResultSchema>;
export type AuditResealResult = z.infer<typeof auditResealResultSchema>;
