// The one wrapper for /api/admin/*: authenticates (session or ADMIN_API_KEY), checks the role,
// parses query and body with zod, runs the handler and maps every error in one place.
// GET handlers default to every role (data is then scoped per principal); other methods default
// to admins only, so forgetting `roles` on a mutation fails closed. A state-changing request that
// does not present the admin API key relies on the session cookie, so it must come from the
// console's own pages (same-origin.ts) before anything else is looked at.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateAdminRequest } from "../auth/admin-principal";
import type { AdminPrincipal } from "../principal/admin-principal";
import { ALL_ROLES, type Role } from "../auth/rbac";
import { adminErrorResponse } from "./admin-errors";
import { ForbiddenError } from "./errors";
import { parseJsonBody, parseQuery } from "./request-input";
import { assertConsoleMutation } from "./same-origin";

export type RouteParams = Record<string, string>;
export type RouteContext = { params: Promise<RouteParams> };

export interface AdminContext<Q, B> {
  request: Request;
  principal: AdminPrincipal;
  query: Q;
  body: B;
  params: RouteParams;
  requestId: string;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface AdminRouteConfig<QS extends z.ZodType | undefined, BS extends z.ZodType | undefined> {
  roles?: readonly Role[];
  querySchema?: QS;
  bodySchema?: BS;
  /** Status of a successful JSON answer (201 for creates). */
  status?: number;
  /** Returns the JSON body, or a Response for anything else. */
  fn: (context: AdminContext<Infer<QS>, Infer<BS>>) => Promise<unknown> | unknown;
}

export type AdminRouteHandler = (request: Request, context?: RouteContext) => Promise<Response>;

export function withAdminRoute<QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  config: AdminRouteConfig<QS, BS>,
): AdminRouteHandler {
  return async (request, context) => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    try {
      // A bearer key is judged on its own (never the cookie), and a cross-site page cannot send one.
      if (!request.headers.has("authorization")) assertConsoleMutation(request);
      const principal = await authenticateAdminRequest(request);
      const roles = config.roles ?? (request.method === "GET" || request.method === "HEAD" ? ALL_ROLES : ["admin"]);
      if (!roles.includes(principal.role)) {
        throw new ForbiddenError(`This action needs one of these roles: ${roles.join(", ")}.`);
      }
      const query = (config.querySchema ? await parseQuery(request, config.querySchema) : undefined) as Infer<QS>;
      const body = (config.bodySchema ? await parseJsonBody(request, config.bodySchema) : undefined) as Infer<BS>;
      const params = (await context?.params) ?? {};
      const result = await config.fn({ request, principal, query, body, params, requestId });
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        return result;
      }
      return Response.json(result, {
        status: config.status ?? 200,
        headers: { "x-request-id": requestId, "cache-control": "no-store" },
      });
    } catch (error) {
      return adminErrorResponse(error, requestId);
    }
  };
}
