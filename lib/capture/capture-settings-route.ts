import { auditAdminChange } from "../audit/audit-admin-change";
import { canReadAll } from "../auth/rbac";
import { withAdminRoute } from "../http/admin-route";
import { developerScopes } from "../quotas/scopes";
import { deleteCaptureSetting, listCaptureSettings, upsertCaptureSetting } from "./capture-settings";
import { captureScopeQuerySchema, listCaptureSettingsQuerySchema, upsertCaptureSettingSchema } from "./schemas";

// GET /api/admin/capture-settings – keys and teams with body capture on (developers: their own keys and team)
export const GET = withAdminRoute({
  querySchema: listCaptureSettingsQuerySchema,
  fn: async ({ principal, query }) => {
    const visible = canReadAll(principal.role) ? undefined : await developerScopes(principal.orgId, principal.id);
    return listCaptureSettings({ orgId: principal.orgId, ...query, visible });
  },
});

// PUT /api/admin/capture-settings – turn body capture on for a key or team, or change its retention (201 when turned on)
export const PUT = withAdminRoute({
  roles: ["admin"],
  bodySchema: upsertCaptureSettingSchema,
  fn: async (context) => {
    const { setting, before } = await upsertCaptureSetting({ orgId: context.principal.orgId, input: context.body });
    await auditAdminChange(context, { action: before ? "capture.update" : "capture.enable", targetType: context.body.scope, targetId: context.body.scopeId, before, after: setting });
    return Response.json(setting, { status: before ? 200 : 201, headers: { "cache-control": "no-store" } });
  },
});

// DELETE /api/admin/capture-settings?scope&scopeId – turn body capture off (bodies already captured stay until their retention ends)
export const DELETE = withAdminRoute({
  roles: ["admin"],
  querySchema: captureScopeQuerySchema,
  fn: async (context) => {
    const before = await deleteCaptureSetting({ orgId: context.principal.orgId, ...context.query });
    await auditAdminChange(context, { action: "capture.disable", targetType: context.query.scope, targetId: context.query.scopeId, before });
    return before;
  },
});
