import { withAdminRoute } from "../http/admin-route";
import { estimateWarmup, warmupModelOrThrow } from "./estimate-warmup";
import { readWarmupSubmission } from "./read-warmup-body";
import type { WarmupEstimate } from "./schemas";
import { resolveWarmupCharge } from "./warmup-charge";

// POST /api/admin/cache/warmups/estimate – what a warm-up would cost and which lines it would leave out; starts nothing
export const POST = withAdminRoute({
  roles: ["admin"],
  fn: async ({ principal, request }): Promise<WarmupEstimate> => {
    const { body, parsed } = await readWarmupSubmission(request);
    const model = await warmupModelOrThrow(principal.orgId, body.model);
    // The same checks as the start, so a key that may not be charged is reported before the start.
    await resolveWarmupCharge({ admin: principal, keyId: body.keyId, teamId: body.teamId, model: model.name });
    return (await estimateWarmup(model, parsed)).estimate;
  },
});
