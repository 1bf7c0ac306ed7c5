// Reading users. Every query is scoped to the caller's organization; password hashes are only
// selected to derive `hasPassword` and never leave this module.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { containsText, pageArgs, type ListResult } from "../http/list-query";
import { parseModelList } from "../keys/key-status";
import type { ListUsersQuery, User } from "./schemas";

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  tier: true,
  teamId: true,
  team: { select: { name: true } },
  disabled: true,
  passwordHash: true,
  keyModels: true,
  keyMaxDays: true,
  createdAt: true,
  updatedAt: true,
} as const;

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  tier: string;
  teamId: string | null;
  team: { name: string } | null;
  disabled: boolean;
  passwordHash: string | null;
  keyModels: string;
  keyMaxDays: number | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as User["role"],
    tier: row.tier as User["tier"],
    teamId: row.teamId,
    teamName: row.team?.name ?? null,
    disabled: row.disabled,
    hasPassword: row.passwordHash !== null,
    keyModels: parseModelList(row.keyModels),
    keyMaxDays: row.keyMaxDays,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listUsers(options: { orgId: string; query: ListUsersQuery; client?: DbClient }): Promise<ListResult<User>> {
  const client = options.client ?? db();
  const { teamId, role, q } = options.query;
  const where = {
    orgId: options.orgId,
    ...(teamId ? { teamId } : {}),
    ...(role ? { role } : {}),
    ...(q ? { OR: [{ email: containsText(q) }, { name: containsText(q) }] } : {}),
  };
  const [rows, total] = await Promise.all([
    client.user.findMany({ where, select: userSelect, orderBy: { email: "asc" }, ...pageArgs(options.query) }),
    client.user.count({ where }),
  ]);
  return { data: rows.map(toUser), total };
}

export async function getUserOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<User> {
  const client = options.client ?? db();
  const row = await client.user.findFirst({ where: { id: options.id, orgId: options.orgId }, select: userSelect });
  if (!row) throw new NotFoundError(`User ${options.id} not found.`);
  return toUser(row);
}
