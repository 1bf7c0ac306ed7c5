import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { createTeam } from "./team-mutations";
import { listTeams } from "./team-queries";
import { createTeamSchema, listTeamsQuerySchema } from "./schemas";

// GET /api/admin/teams – list teams with member counts
export const GET = withAdminRoute({
  querySchema: listTeamsQuerySchema,
  fn: ({ principal, query }) => listTeams({ orgId: principal.orgId, query }),
});

// POST /api/admin/teams – create a team
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: createTeamSchema,
  status: 201,
  fn: async (context) => {
    const team = await createTeam({ orgId: context.principal.orgId, input: context.body });
    await auditAdminChange(context, { action: "team.create", targetType: "team", targetId: team.id, after: team });
    return team;
  },
});
