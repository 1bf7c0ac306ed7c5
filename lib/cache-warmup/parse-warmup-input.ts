// Turns what an admin uploads or sends into warm-up items: plain lines (one prompt each), JSONL of
// chat requests, CSV, or the API's `prompts` / `requests` arrays. A bad line is reported with its
// number (1-based; for arrays, the position) and the others are kept.
import { parseCsvPrompts, type ParsedItem } from "./parse-csv-prompts";
import type { CreateWarmupBody, WarmupFormat, WarmupLineError } from "./schemas";
import { requestFromObject, requestFromPrompt, type ItemResult } from "./warmup-request";

export type { ParsedItem } from "./parse-csv-prompts";

export interface ParsedWarmup {
  items: ParsedItem[];
  errors: WarmupLineError[];
}

function collect(entries: Iterable<{ line: number; result: ItemResult }>): ParsedWarmup {
  const parsed: ParsedWarmup = { items: [], errors: [] };
  for (const { line, result } of entries) {
    if ("error" in result) parsed.errors.push({ line, message: result.error });
    else parsed.items.push({ line, request: result.request });
  }
  return parsed;
}

function* nonEmptyLines(text: string): Generator<{ line: number; text: string }> {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    if (lines[index].trim() !== "") yield { line: index + 1, text: lines[index] };
  }
}

function jsonLine(text: string): ItemResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON (${error instanceof Error ? error.message : "parse error"}).` };
  }
  return requestFromObject(value);
}

export function parseWarmupText(format: WarmupFormat, text: string): ParsedWarmup {
  const input = text.replace(/^\uFEFF/, "");
  switch (format) {
    case "lines":
      return collect([...nonEmptyLines(input)].map(({ line, text: prompt }) => ({ line, result: requestFromPrompt(prompt) })));
    case "jsonl":
      return collect([...nonEmptyLines(input)].map(({ line, text: json }) => ({ line, result: jsonLine(json) })));
    case "csv":
      return parseCsvPrompts(input);
  }
}

/** The items of a create/estimate body, whichever of prompts, requests or input it carries. */
export function parseWarmupBody(body: Pick<CreateWarmupBody, "prompts" | "requests" | "input">): ParsedWarmup {
  if (body.input) return parseWarmupText(body.input.format, body.input.text);
  if (body.prompts) return collect(body.prompts.map((prompt, index) => ({ line: index + 1, result: requestFromPrompt(prompt) })));
  return collect((body.requests ?? []).map((request, index) => ({ line: index + 1, result: requestFromObject(request) })));
}
