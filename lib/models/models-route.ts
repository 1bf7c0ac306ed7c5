import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { createModel } from "./model-mutations";
import { listModels } from "./model-queries";
import { createModelSchema, listModelsQuerySchema } from "./schemas";

// GET /api/admin/models – the model catalog with prices (filters: q, providerId, enabled)
export const GET = withAdminRoute({
  querySchema: listModelsQuerySchema,
  fn: ({ principal, query }) => listModels({ orgId: principal.orgId, query }),
});

// POST /api/admin/models – add a model (prices in dollars per 1M tokens)
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: createModelSchema,
  status: 201,
  fn: async (context) => {
    const model = await createModel({ orgId: context.principal.orgId, input: context.body });
    await auditAdminChange(context, { action: "model.create", targetType: "model", targetId: model.id, after: model });
    return model;
  },
});
