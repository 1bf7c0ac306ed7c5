import { auditAdminChange } from "../audit/audit-admin-change";
import { assertNotManaged, assertTeamNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { deleteTeam, updateTeam } from "./team-mutations";
import { getTeamOrThrow } from "./team-queries";
import { updateTeamSchema } from "./schemas";

// GET /api/admin/teams/{id} – one team
export const GET = withAdminRoute({
  fn: ({ principal, params }) => getTeamOrThrow({ orgId: principal.orgId, id: params.id }),
});

// PATCH /api/admin/teams/{id} – rename a team
export const PATCH = withAdminRoute({
  roles: ["admin"],
  bodySchema: updateTeamSchema,
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await getTeamOrThrow({ orgId: principal.orgId, id: params.id });
    assertNotManaged(before, `the team "${before.name}"`);
    const after = await updateTeam({ orgId: principal.orgId, id: params.id, input: body });
    await auditAdminChange(context, { action: "team.update", targetType: "team", targetId: after.id, before, after });
    return after;
  },
});

// DELETE /api/admin/teams/{id} – delete a team (members stay, without a team)
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    await assertTeamNotManaged(context.principal.orgId, context.params.id);
    const before = await deleteTeam({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "team.delete", targetType: "team", targetId: before.id, before });
    return before;
  },
});
