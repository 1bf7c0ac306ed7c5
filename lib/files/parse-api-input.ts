// Query strings and JSON bodies of the Files and Batch APIs, checked with zod; a bad field is a 400
// in OpenAI's shape whose `param` names it.
import type { z } from "zod";
import { BadRequestError } from "../http/errors";
import type { ApiRequest } from "./api-request";

export function badRequestFromZod(error: z.ZodError): BadRequestError {
  const issue = error.issues[0];
  const param = issue?.path.map(String).join(".") || null;
  const what = param ?? "The request";
  const message = issue?.code === "invalid_type" && issue.input === undefined ? `${what}: is required.` : `${what}: ${issue?.message ?? "is invalid"}.`;
  return new BadRequestError(message, param);
}

export function parseApiQuery<S extends z.ZodType>(request: ApiRequest, schema: S): z.output<S> {
  const query: Record<string, string> = {};
  for (const [key, value] of request.url.searchParams) if (value !== "") query[key] = value;
  const result = schema.safeParse(query);
  if (!result.success) throw badRequestFromZod(result.error);
  return result.data;
}

export function parseApiBody<S extends z.ZodType>(body: unknown, schema: S): z.output<S> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Request body must be a JSON object.");
  const result = schema.safeParse(body);
  if (!result.success) throw badRequestFromZod(result.error);
  return result.data;
}
