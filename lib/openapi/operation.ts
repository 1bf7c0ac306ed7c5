// Builds one OpenAPI operation object from the pieces a route is made of.
import type { z } from "zod";
import { ref, type ComponentName } from "./components";
import { idPathParameter, queryParameters } from "./json-schema";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The body is not valid JSON.",
  401: "No valid session or admin API key.",
  403: "The caller's role may not do this.",
  404: "No such resource in this organization.",
  409: "A unique field (name, email) is already taken, or the change would leave no active admin.",
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

const json = (name: ComponentName) => ({ "application/json": { schema: ref(name) } });

export function adminOperation(op: AdminOperation) {
  const errors = new Set([401, 403, ...(op.withId ? [404] : []), ...(op.body ? [400, 422] : []), ...(op.query ? [422] : []), ...(op.errors ?? [])]);
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
