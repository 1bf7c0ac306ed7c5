// Builds OpenAPI operation objects from the pieces a route is made of: the admin API's
// (`adminOperation`) and the developer surface's, called with a virtual key or a console session
// (`keyOperation`: the proxy, the Anthropic Messages API, self-service and the playground).
import type { z } from "zod";
import { ref, type ComponentName } from "./components";
import { idPathParameter, queryParameters } from "./json-schema";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The body is not valid JSON, or holds what the databases cannot store (a NUL or an unpaired surrogate in a string: `invalid_text`; a date outside 1970–2999: `date_out_of_range`); `error.field` names it.",
  401: "No valid session or admin API key.",
  403: "The caller's role may not do this, or (keys) a developer tried to widen a key or go past the limits an admin set on them (`key_limit`, `error.field` names the field), or a session request that changes something did not come from the console's own origin (`cross_site_request`) or sent a body that is not `application/json` (`json_required`).",
  404: "No such resource in this organization.",
  409: "A unique field (name, email) is already taken, or the change would leave no active admin.",
  413: "The body is larger than CONSOLE_MAX_BODY_BYTES (`body_too_large`).",
  422: "Validation failed; `error.field` names the field.",
};

export interface AdminOperation {
  summary: string;
  tag: string;
  roles: string;
  withId?: boolean;
  query?: z.ZodObject;
  body?: ComponentName;
  ok: { status: 200 | 201; schema: ComponentName; description?: string };
  errors?: number[];
}

/** A JSON body of the named component. */
export const json = (name: ComponentName) => ({ "application/json": { schema: ref(name) } });

/** An error answer of the developer surface: `ProxyError` (OpenAI's shape) unless told otherwise. */
export const errorResponse = (description: string, schema: ComponentName = "ProxyError") => ({ description, content: json(schema) });

export interface KeyOperation {
  summary: string;
  description?: string;
  /** default "Proxy" */
  tag?: "Proxy" | "Playground";
  /** who may call: a virtual key (default) or a console session */
  auth?: "virtualKey" | "session";
  parameters?: unknown[];
  /** the JSON request body's component, when the operation takes one */
  body?: ComponentName;
  responses: Record<number, unknown>;
}

export function keyOperation(op: KeyOperation) {
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag ?? "Proxy"],
    security: [{ [op.auth ?? "virtualKey"]: [] }],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    responses: op.responses,
  };
}

export function adminOperation(op: AdminOperation) {
  const errors = new Set([401, 403, ...(op.withId ? [404] : []), ...(op.body ? [400, 413, 422] : []), ...(op.query ? [400, 422] : []), ...(op.errors ?? [])]);
  return {
    summary: op.summary,
    description: `Roles: ${op.roles}.`,
    tags: [op.tag],
    security: [{ adminApiKey: [] }, { session: [] }],
    parameters: [...(op.withId ? [idPathParameter] : []), ...(op.query ? queryParameters(op.query) : [])],
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    responses: {
      [op.ok.status]: { description: op.ok.description ?? (op.ok.status === 201 ? "Created" : "OK"), content: json(op.ok.schema) },
      ...Object.fromEntries(
        [...errors].sort().map((status) => [status, { description: ERROR_DESCRIPTIONS[status] ?? "Error", content: json("AdminError") }]),
      ),
    },
  };
}
