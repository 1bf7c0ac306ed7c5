import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { estimateWarmup, warmupModelOrThrow } from "./estimate-warmup";
import { readWarmupSubmission } from "./read-warmup-body";
import { listWarmupsQuerySchema, type CreatedWarmup } from "./schemas";
import { resolveWarmupCharge } from "./warmup-charge";
import { createWarmupJob } from "./warmup-job-mutations";
import { listWarmupJobs } from "./warmup-job-queries";
import { WARMUP_READ_ROLES } from "./warmup-roles";
import { wakeWarmupRunner } from "./warmup-runner-slot";

// GET /api/admin/cache/warmups – warm-up jobs, newest first, with their progress
export const GET = withAdminRoute({
  roles: WARMUP_READ_ROLES,
  querySchema: listWarmupsQuerySchema,
  fn: ({ principal, query }) => listWarmupJobs({ orgId: principal.orgId, query }),
});

// POST /api/admin/cache/warmups – queue a warm-up job (prompts, requests, or an uploaded file's text)
export const POST = withAdminRoute({
  roles: ["admin"],
  status: 201,
  fn: async (context): Promise<CreatedWarmup> => {
    const { principal } = context;
    const { body, parsed } = await readWarmupSubmission(context.request);
    const model = await warmupModelOrThrow(principal.orgId, body.model);
    const charge = await resolveWarmupCharge({ admin: principal, keyId: body.keyId, teamId: body.teamId, model: model.name });
    const { estimate, maxCostMicros } = await estimateWarmup(model, parsed);
    const created = await createWarmupJob({
      orgId: principal.orgId,
      model: model.name,
      charge,
      concurrency: body.concurrency,
      items: parsed.items,
      estimatedCostMicros: maxCostMicros,
      createdBy: principal.via === "admin-api-key" ? "admin API key" : principal.email,
    });
    await auditAdminChange(context, {
      action: "cache_warmup.create",
      targetType: "cache_warmup",
      targetId: created.id,
      after: { id: created.id, model: model.name, ...charge, concurrency: body.concurrency, total: created.total, estimatedCost: estimate.maxCost },
    });
    wakeWarmupRunner();
    return { ...created, estimatedCost: estimate.maxCost, errors: estimate.errors, errorCount: estimate.errorCount };
  },
});
