// Creating, renaming and deleting teams.
import type { DbClient } from "../db";
import { db } from "../db";
import { rethrowAs } from "../http/prisma-errors";
import { publishKeyInvalidation } from "../keys/key-invalidation";
import { getTeamOrThrow, teamSelect, toTeam } from "./team-queries";
import type { CreateTeamInput, Team, UpdateTeamInput } from "./schemas";

const duplicateName = (name: string | undefined) => ({
  conflict: { message: `A team named "${name}" already exists.`, field: "name" },
});

export async function createTeam(options: { orgId: string; input: CreateTeamInput; client?: DbClient }): Promise<Team> {
  const client = options.client ?? db();
  const row = await client.team
    .create({ data: { orgId: options.orgId, name: options.input.name }, select: teamSelect })
    .catch(rethrowAs(duplicateName(options.input.name)));
  return toTeam(row);
}

export async function updateTeam(options: {
  orgId: string;
  id: string;
  input: UpdateTeamInput;
  client?: DbClient;
}): Promise<Team> {
  const client = options.client ?? db();
  const row = await client.team
    .update({ where: { id: options.id, orgId: options.orgId }, data: options.input, select: teamSelect })
    .catch(rethrowAs({ ...duplicateName(options.input.name), notFound: `Team ${options.id} not found.` }));
  return toTeam(row);
}

/**
 * Deletes a team; its members stay, without a team. Their keys are invalidated because the gateway
 * caches each key's team for quotas and usage attribution.
 */
export async function deleteTeam(options: { orgId: string; id: string; client?: DbClient }): Promise<Team> {
  const client = options.client ?? db();
  const team = await getTeamOrThrow(options);
  const keys = await client.apiKey.findMany({
    where: { orgId: options.orgId, OR: [{ teamId: team.id }, { user: { teamId: team.id } }] },
    select: { id: true },
  });
  await client.team.delete({ where: { id: team.id } });
  await publishKeyInvalidation(keys.map((k) => k.id));
  return team;
}
