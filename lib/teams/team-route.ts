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
  fn: ({ principal, params, body }) => updateTeam({ orgId: principal.orgId, id: params.id, input: body }),
});

// DELETE /api/admin/teams/{id} – delete a team (members stay, without a team)
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: ({ principal, params }) => deleteTeam({ orgId: principal.orgId, id: params.id }),
});
