// Reads the body of POST /api/admin/cache/warmups (and …/estimate): size-limited before anything is
// parsed (413 above CACHE_WARMUP_MAX_BYTES), then the contract, with a 400 that names the field.
import { env } from "../env";
import { BadRequestError, HttpError } from "../http/errors";
import { readJsonBody } from "../gateway/read-body";
import { parseWarmupBody, type ParsedWarmup } from "./parse-warmup-input";
import { createWarmupSchema, MAX_WARMUP_ITEMS, type CreateWarmupBody } from "./schemas";

/** Lines left out that an answer lists one by one; `errorCount` says how many there were in all. */
export const LISTED_ERRORS = 100;

function tooManyItems(count: number): HttpError {
  const message = `The input has ${count} items; a warm-up job takes at most ${MAX_WARMUP_ITEMS}. Split it into several jobs.`;
  return new HttpError(413, message, "invalid_request_error", "too_many_items", null);
}

export interface WarmupSubmission {
  body: CreateWarmupBody;
  parsed: ParsedWarmup;
}

export async function readWarmupSubmission(request: Request): Promise<WarmupSubmission> {
  const json = await readJsonBody(request, env().CACHE_WARMUP_MAX_BYTES);
  const result = createWarmupSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.map(String).join(".") || null;
    throw new BadRequestError(field ? `${field}: ${issue.message}` : issue.message, field);
  }
  const parsed = parseWarmupBody(result.data);
  if (parsed.items.length > MAX_WARMUP_ITEMS) throw tooManyItems(parsed.items.length);
  if (parsed.items.length === 0) {
    const first = parsed.errors[0];
    const field = result.data.input ? "input" : result.data.prompts ? "prompts" : "requests";
    throw new BadRequestError(`${field}: nothing to run${first ? ` (line ${first.line}: ${first.message})` : ""}.`, field);
  }
  return { body: result.data, parsed };
}
