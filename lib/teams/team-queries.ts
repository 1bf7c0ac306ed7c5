// Reading teams. Every query is scoped to the caller's organization.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { containsText, pageArgs, type ListResult } from "../http/list-query";
import type { ListTeamsQuery, Team } from "./schemas";

export const teamSelect = {
  id: true,
  name: true,
  managedBy: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { users: true } },
} as const;

type TeamRow = { id: string; name: string; managedBy?: string | null; createdAt: Date; updatedAt: Date; _count: { users: number } };

export function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    memberCount: row._count.users,
    managedBy: row.managedBy ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listTeams(options: {
  orgId: string;
  query: ListTeamsQuery;
  client?: DbClient;
}): Promise<ListResult<Team>> {
  const client = options.client ?? db();
  const where = { orgId: options.orgId, ...(options.query.q ? { name: containsText(options.query.q) } : {}) };
  const [rows, total] = await Promise.all([
    client.team.findMany({ where, select: teamSelect, orderBy: { name: "asc" }, ...pageArgs(options.query) }),
    client.team.count({ where }),
  ]);
  return { data: rows.map(toTeam), total };
}

export async function getTeamOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<Team> {
  const client = options.client ?? db();
  const row = await client.team.findFirst({ where: { id: options.id, orgId: options.orgId }, select: teamSelect });
  if (!row) throw new NotFoundError(`Team ${options.id} not found.`);
  return toTeam(row);
}
