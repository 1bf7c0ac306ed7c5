// The wrapper of /api/conversations: a console session (a state-changing request must come from the
// console's own pages: lib/http/same-origin.ts) or a virtual key as `Authorization: Bearer tg-…`
// (the key's user's conversations only; the admin API key has no user and is refused). Errors in the
// admin API's shape. Conversations spend nothing, so every role may keep its own.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateAdminRequest } from "../auth/admin-principal";
import { authenticate } from "../gateway/authenticate";
import { adminErrorResponse } from "../http/admin-errors";
import { assertConsoleMutation } from "../http/same-origin";
import { parseJsonBody, parseQuery } from "../http/request-input";
import type { ConversationOwner } from "./conversation-owner";

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ConversationContext<Q, B> {
  request: Request;
  owner: ConversationOwner;
  query: Q;
  body: B;
  params: Record<string, string>;
}

/** Who owns the conversations this request reaches. */
export async function conversationOwner(request: Request): Promise<ConversationOwner> {
  if (request.headers.has("authorization")) {
    const principal = await authenticate(request.headers);
    return { orgId: principal.orgId, userId: principal.userId };
  }
  assertConsoleMutation(request);
  const principal = await authenticateAdminRequest(request);
  return { orgId: principal.orgId, userId: principal.id };
}

export function withConversationRoute<QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(config: {
  querySchema?: QS;
  bodySchema?: BS;
  status?: number;
  fn: (context: ConversationContext<Infer<QS>, Infer<BS>>) => Promise<unknown>;
}) {
  return async (request: Request, context?: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const owner = await conversationOwner(request);
      const query = (config.querySchema ? await parseQuery(request, config.querySchema) : undefined) as Infer<QS>;
      const body = (config.bodySchema ? await parseJsonBody(request, config.bodySchema) : undefined) as Infer<BS>;
      const params = (await context?.params) ?? {};
      const result = await config.fn({ request, owner, query, body, params });
      return Response.json(result, { status: config.status ?? 200, headers: { "x-request-id": requestId, "cache-control": "no-store" } });
    } catch (error) {
      return adminErrorResponse(error, requestId);
    }
  };
}
