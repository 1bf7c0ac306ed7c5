import { auditAdminChange } from "../audit/audit-admin-change";
import type { ChatMessage } from "../openai-format/types";
import { withAdminRoute } from "../http/admin-route";
import { purgeCacheEntries } from "./entry-mutations";
import { listCacheEntries } from "./entry-queries";
import { catalogEmbedder } from "../gateway/catalog-embedder";
import { importCachePair } from "./import-pair";
import { importCachePairSchema, listCacheEntriesQuerySchema, purgeCacheEntriesQuerySchema } from "./schemas";

// GET /api/admin/cache/entries?model&teamId&q&cursor – live entries, newest first
export const GET = withAdminRoute({
  roles: ["admin", "viewer"],
  querySchema: listCacheEntriesQuerySchema,
  fn: ({ principal, query }) => listCacheEntries({ orgId: principal.orgId, query }),
});

// POST /api/admin/cache/entries – import a question–answer pair (no upstream call)
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: importCachePairSchema,
  status: 201,
  fn: async (context) => {
    const { body, principal } = context;
    const entry = await importCachePair({
      orgId: principal.orgId, model: body.model, teamId: body.teamId ?? null, keyId: body.keyId ?? null, messages: body.messages as ChatMessage[],
      answer: body.answer, parameters: body.parameters, ttlSeconds: body.ttlSeconds, actorUserId: principal.via === "admin-api-key" ? null : principal.id,
      modelEmbedder: catalogEmbedder,
    });
    await auditAdminChange(context, { action: "cache.entry.import", targetType: "cache-entry", targetId: entry.id, after: { model: entry.model, teamId: entry.teamId, prompt: entry.prompt } });
    return entry;
  },
});

// DELETE /api/admin/cache/entries?model&teamId – purge (all entries without filters)
export const DELETE = withAdminRoute({
  roles: ["admin"],
  querySchema: purgeCacheEntriesQuerySchema,
  fn: async (context) => {
    const result = await purgeCacheEntries({ orgId: context.principal.orgId, ...context.query });
    await auditAdminChange(context, { action: "cache.entries.purge", targetType: "cache-entry", targetId: null, before: { ...context.query, deleted: result.deleted } });
    return result;
  },
});
