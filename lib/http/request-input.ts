// Reading an admin request's query string and JSON body, validated by the route's zod schemas.
// Both pass the checks of input-safety.ts first (text the databases cannot store) and after zod
// (dates outside the years the databases and the range arithmetic handle), so no route can forget them.
import type { z } from "zod";
import { BadRequestError } from "./errors";
import { validationErrorFromZod } from "./admin-errors";
import { assertDatesInRange, assertStorableText } from "./input-safety";
import { readLimitedText } from "./read-limited-body";

/** Query parameters as a plain object; empty values count as absent, repeated ones become arrays. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (value === "") continue;
    const existing = result[key];
    result[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return result;
}

export async function parseQuery<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const query = queryObject(new URL(request.url));
  assertStorableText(query);
  const result = await schema.safeParseAsync(query);
  if (!result.success) throw validationErrorFromZod(result.error);
  assertDatesInRange(result.data);
  return result.data;
}

/** The body is read with the console's size limit (413 above CONSOLE_MAX_BODY_BYTES) before parsing. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await readLimitedText(request);
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body is not valid JSON.", null, "invalid_json");
  }
  if (json === undefined) throw new BadRequestError("A JSON request body is required.", null, "missing_body");
  assertStorableText(json);
  const result = await schema.safeParseAsync(json);
  if (!result.success) throw validationErrorFromZod(result.error);
  assertDatesInRange(result.data);
  return result.data;
}
