import { auditAdminChange } from "../audit/audit-admin-change";
import { assertCacheSettingsNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { BadRequestError } from "../http/errors";
import { parseSettingsUpdate, readCacheSettings, settingsView, updateCacheSettings } from "./settings-mutations";

// GET /api/admin/cache/settings – the organization's response cache settings (every role)
export const GET = withAdminRoute({
  fn: async ({ principal }) => settingsView(await readCacheSettings(principal.orgId)),
});

// PUT /api/admin/cache/settings – change any of the settings (400 naming the field that is wrong)
export const PUT = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    let json: unknown;
    try {
      json = await context.request.json();
    } catch {
      throw new BadRequestError("The request body is not valid JSON.", null, "invalid_json");
    }
    const input = parseSettingsUpdate(json);
    await assertCacheSettingsNotManaged(context.principal.orgId);
    const { before, after } = await updateCacheSettings({ orgId: context.principal.orgId, input });
    await auditAdminChange(context, { action: "cache.settings.update", targetType: "cache-settings", targetId: context.principal.orgId, before: settingsView(before), after: settingsView(after) });
    return settingsView(after);
  },
});
