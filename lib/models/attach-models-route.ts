import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { attachModels } from "./attach-models";
import { attachModelsSchema, type AttachModelsResult } from "./schemas";

// POST /api/admin/models/attach – one provider for several models without one, all or none;
// one audit entry per model (model.update, before and after), like attaching them one by one.
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: attachModelsSchema,
  fn: async (context): Promise<AttachModelsResult> => {
    const { before, after } = await attachModels({ orgId: context.principal.orgId, input: context.body });
    for (const [i, model] of after.entries()) {
      await auditAdminChange(context, { action: "model.update", targetType: "model", targetId: model.id, before: before[i], after: model });
    }
    return { data: after };
  },
});
