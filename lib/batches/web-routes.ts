// The Files and Batch APIs as Next.js route handlers (`npm run dev`, where Next.js serves /v1 too):
// the same handlers as the fast path (api-router.ts), behind a Web Request.
import { fromWebApiRequest } from "../files/api-request";
import { countResponse } from "../gateway/transport/count-response";
import { toWebResponse } from "../http/gateway-response";
import { batchApiRoute } from "./api-router";

type Context = { params: Promise<Record<string, string>> };

/** The handler for one route file: `pattern` is the route's path under /v1 with `[id]` for the id. */
export function webRoute(pattern: string) {
  return async (request: Request, context?: Context): Promise<Response> => {
    const params = (await context?.params) ?? {};
    const path = pattern.replace("[id]", encodeURIComponent(params.id ?? ""));
    const route = batchApiRoute(path, request.method);
    if (!route) return Response.json({ error: { message: "Method not allowed.", type: "invalid_request_error", code: "method_not_allowed", param: null } }, { status: 405 });
    return toWebResponse(countResponse(route.endpoint, await route.handler(fromWebApiRequest(request))));
  };
}
