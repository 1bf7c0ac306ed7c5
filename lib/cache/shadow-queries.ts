// Shadow mode's would-be semantic hits, newest first, for the console to judge before turning
// semantic answers on.
import type { z } from "zod";
import { db } from "../db";
import type { listShadowHitsQuerySchema } from "./schemas";

type ShadowQuery = z.output<typeof listShadowHitsQuerySchema>;

export async function listShadowHits(options: { orgId: string; query: ShadowQuery }) {
  const { orgId, query } = options;
  const rows = await db().cacheShadowHit.findMany({
    where: { orgId, ...(query.model ? { model: query.model } : {}), ...(query.teamId ? { teamId: query.teamId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(({ orgId: _orgId, createdAt, ...row }) => {
      void _orgId;
      return { ...row, createdAt: createdAt.toISOString() };
    }),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
