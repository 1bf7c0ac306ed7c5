import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { deleteCacheEntry } from "./entry-mutations";
import { getCacheEntryOrThrow } from "./entry-queries";

// GET /api/admin/cache/entries/{id} – one entry with its request and answer
export const GET = withAdminRoute({
  roles: ["admin", "viewer"],
  fn: ({ principal, params }) => getCacheEntryOrThrow({ orgId: principal.orgId, id: params.id }),
});

// DELETE /api/admin/cache/entries/{id} – invalidate one entry everywhere
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    const before = await deleteCacheEntry({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "cache.entry.delete", targetType: "cache-entry", targetId: before.id, before });
    return before;
  },
});
