// Checks user mutations share: the team must belong to the organization, and the organization must
// keep at least one active admin (otherwise nobody could manage it any more).
import type { DbClient } from "../db";
import { ConflictError, ValidationError } from "../http/errors";

export async function assertTeamInOrg(client: DbClient, orgId: string, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const team = await client.team.findFirst({ where: { id: teamId, orgId }, select: { id: true } });
  if (!team) throw new ValidationError(`teamId: team ${teamId} does not exist.`, "teamId");
}

/** Throws when removing this user's admin power would leave the organization without an active admin. */
export async function assertAnotherActiveAdmin(client: DbClient, orgId: string, userId: string, field: string): Promise<void> {
  const others = await client.user.count({
    where: { orgId, role: "admin", disabled: false, id: { not: userId } },
  });
  if (others === 0) throw new ConflictError("Tollgate needs at least one active admin; promote someone else first.", field);
}
