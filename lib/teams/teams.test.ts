import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { sharedStore } from "../store";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createTeam, deleteTeam, updateTeam } from "./team-mutations";
import { getTeamOrThrow, listTeams } from "./team-queries";

let orgId: string;
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
});

describe("team data functions", () => {
  it("creates, lists, renames and deletes a team", async () => {
    const name = `Platform ${uniqueSuffix()}`;
    const team = await createTeam({ orgId, input: { name } });
    expect(team).toMatchObject({ name, memberCount: 0 });

    const list = await listTeams({ orgId, query: { q: name, page: 1, pageSize: 10 } });
    expect(list.data.map((t) => t.id)).toEqual([team.id]);
    expect(list.total).toBe(1);

    const renamed = await updateTeam({ orgId, id: team.id, input: { name: `${name} v2` } });
    expect(renamed.name).toBe(`${name} v2`);

    await deleteTeam({ orgId, id: team.id });
    await expect(getTeamOrThrow({ orgId, id: team.id })).rejects.toMatchObject({ status: 404 });
  });

  it("counts members and rejects duplicate names with 409", async () => {
    const name = `Research ${uniqueSuffix()}`;
    const team = await createTeam({ orgId, input: { name } });
    await db().user.create({ data: { orgId, email: `m-${uniqueSuffix()}@t.local`, name: "M", teamId: team.id } });
    expect((await getTeamOrThrow({ orgId, id: team.id })).memberCount).toBe(1);
    await expect(createTeam({ orgId, input: { name } })).rejects.toMatchObject({ status: 409, param: "name" });
  });

  it("does not see teams of another organization", async () => {
    const other = await db().organization.create({ data: { name: `Other ${uniqueSuffix()}` } });
    const team = await createTeam({ orgId: other.id, input: { name: "Hidden" } });
    await expect(getTeamOrThrow({ orgId, id: team.id })).rejects.toMatchObject({ status: 404 });
    await expect(updateTeam({ orgId, id: team.id, input: { name: "x" } })).rejects.toMatchObject({ status: 404 });
  });

  it("invalidates the keys of a deleted team's members", async () => {
    const team = await createTeam({ orgId, input: { name: `Doomed ${uniqueSuffix()}` } });
    const user = await db().user.create({ data: { orgId, email: `d-${uniqueSuffix()}@t.local`, name: "D", teamId: team.id } });
    const key = await db().apiKey.create({
      data: { orgId, userId: user.id, teamId: team.id, name: "k", keyHash: `h-${uniqueSuffix()}`, prefix: "tg-xxxxxx" },
    });
    const seen: string[] = [];
    await sharedStore().subscribe("key-invalidated", (id) => seen.push(id));
    await deleteTeam({ orgId, id: team.id });
    await vi.waitFor(() => expect(seen).toContain(key.id));
  });
});
