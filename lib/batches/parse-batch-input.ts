// Splits a batch's input file into its requests, OpenAI's format, one JSON object per line:
//   {"custom_id": "request-1", "method": "POST", "url": "/v1/chat/completions", "body": {…}}
// Every line is checked as the proxy would check the request (the same validation), so a line the
// gateway would refuse is reported at once, with its line number, instead of being sent. A bad line
// costs only itself: the others run.
import { HttpError } from "../http/errors";
import { requestLimits } from "../gateway/run-chat-completion";
import { parseChatRequest, parseEmbeddingsRequest } from "../gateway/validate";
import type { BatchEndpoint } from "./schemas";

export type ParsedLine =
  | { line: number; customId: string; body: string }
  | { line: number; customId: string | null; error: string };

function checkBody(endpoint: BatchEndpoint, body: Record<string, unknown>): string | null {
  if (body.stream === true) return "body.stream: a batch answers each request whole; streaming is not supported.";
  try {
    if (endpoint === "/v1/embeddings") parseEmbeddingsRequest(body);
    else parseChatRequest(body, requestLimits());
  } catch (error) {
    if (error instanceof HttpError) return `body: ${error.message}`;
    throw error;
  }
  return null;
}

function parseLine(text: string, line: number, endpoint: BatchEndpoint, seen: Set<string>): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, customId: null, error: "The line is not valid JSON." };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { line, customId: null, error: "The line must be a JSON object." };
  const request = value as Record<string, unknown>;
  const customId = typeof request.custom_id === "string" && request.custom_id.length > 0 ? request.custom_id.slice(0, 512) : null;
  const fail = (error: string): ParsedLine => ({ line, customId, error });
  if (customId === null) return fail("custom_id: required, a non-empty string that identifies the request in the output.");
  if (seen.has(customId)) return fail(`custom_id: "${customId}" is used by an earlier line; each request needs its own.`);
  seen.add(customId);
  if (request.method !== "POST") return fail('method: must be "POST".');
  if (request.url !== endpoint) return fail(`url: must be the batch's endpoint, ${endpoint}.`);
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return fail("body: required, the request's JSON object.");
  const problem = checkBody(endpoint, body as Record<string, unknown>);
  if (problem) return fail(problem);
  return { line, customId, body: JSON.stringify(body) };
}

/** Each non-empty line of the file, numbered from 1 as in the file (blank lines keep their numbers). */
export function parseBatchInput(text: string, endpoint: BatchEndpoint): ParsedLine[] {
  const seen = new Set<string>();
  const parsed: ParsedLine[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const content = lines[index].endsWith("\r") ? lines[index].slice(0, -1) : lines[index];
    if (content.trim() === "") continue;
    parsed.push(parseLine(content, index + 1, endpoint, seen));
  }
  return parsed;
}
