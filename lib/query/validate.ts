// Forms check their body against the same zod schema the route uses before sending it, and report
// the first problem exactly as the API would (a 422 naming the field), so a form has one error path
// whether the check failed in the browser or on the server.
import type { z } from "zod";
import { ApiError } from "./api-error";

export function assertValid<T extends z.ZodType>(schema: T, body: unknown): void {
  const result = schema.safeParse(body);
  if (result.success) return;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || null;
  throw new ApiError(422, issue?.message ?? "Invalid input", "validation_failed", field);
}
