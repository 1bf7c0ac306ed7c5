// The console's view of batches (/api/admin/batches): admins and viewers see every batch of the
// organization, developers their own; admins cancel any batch, developers their own. Downloads of a
// batch's input, output and error files (the results so far while it runs).
import { auditAdminChange } from "../audit/audit-admin-change";
import { canManage, readScopeUserId } from "../auth/rbac";
import { db } from "../db";
import { fileContent, batchResultLines } from "../files/file-store";
import { toWebResponse } from "../http/gateway-response";
import { withAdminRoute } from "../http/admin-route";
import { BadRequestError } from "../http/errors";
import { cancelBatch } from "./batch-mutations";
import { getConsoleBatchOrThrow, listConsoleBatches } from "./batch-queries";
import { wakeBatchRunner } from "./batch-runner-slot";
import { BATCH_FILE_KINDS, consoleBatchesQuerySchema } from "./schemas";

// GET /api/admin/batches – batches, newest first, with progress and cost so far
export const GET = withAdminRoute({
  querySchema: consoleBatchesQuerySchema,
  fn: ({ principal, query }) => listConsoleBatches({ orgId: principal.orgId, userId: readScopeUserId(principal), query }),
});

// GET /api/admin/batches/{id} – one batch
export const getBatch = withAdminRoute({
  fn: ({ principal, params }) => getConsoleBatchOrThrow({ orgId: principal.orgId, userId: readScopeUserId(principal), id: params.id }),
});

// POST /api/admin/batches/{id}/cancel – stop sending; lines in flight finish (409 once it has ended)
export const cancelBatchAdmin = withAdminRoute({
  roles: ["admin", "developer"],
  fn: async (context) => {
    const { principal, params } = context;
    // A developer may cancel only their own batches: anyone else's is a 404, as if it did not exist.
    const userId = canManage(principal.role) ? undefined : principal.id;
    const before = await getConsoleBatchOrThrow({ orgId: principal.orgId, userId, id: params.id });
    await cancelBatch({ id: before.id, orgId: principal.orgId, userId });
    wakeBatchRunner();
    const after = await getConsoleBatchOrThrow({ orgId: principal.orgId, userId, id: params.id });
    if (before.status !== after.status) {
      await auditAdminChange(context, { action: "batch.cancel", targetType: "batch", targetId: after.id, before: { status: before.status }, after: { status: after.status } });
    }
    return after;
  },
});

// GET /api/admin/batches/{id}/files/{kind} – the input file, or the output or error lines so far (JSONL)
export const downloadBatchFile = withAdminRoute({
  fn: async ({ principal, params }) => {
    const kind = params.kind as (typeof BATCH_FILE_KINDS)[number];
    if (!BATCH_FILE_KINDS.includes(kind)) throw new BadRequestError(`kind: must be one of ${BATCH_FILE_KINDS.join(", ")}.`, "kind");
    const batch = await getConsoleBatchOrThrow({ orgId: principal.orgId, userId: readScopeUserId(principal), id: params.id });
    const body = kind === "input" ? await fileContent({ id: batch.inputFileId, batchId: null, kind: null }) : batchResultLines(batch.id, kind);
    const filename = kind === "input" ? ((await db().batchFile.findUnique({ where: { id: batch.inputFileId }, select: { filename: true } }))?.filename ?? `${batch.id}_input.jsonl`) : `${batch.id}_${kind}.jsonl`;
    return toWebResponse({
      status: 200,
      headers: { "content-type": "application/jsonl; charset=utf-8", "content-disposition": `attachment; filename="${filename.replace(/["\\\r\n]/g, "_")}"`, "cache-control": "no-store" },
      body,
    });
  },
});
