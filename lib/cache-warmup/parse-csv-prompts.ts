// CSV input of a warm-up: one prompt per record. With a header row naming a `prompt` (or
// `question`) column, that column is the prompt and an optional `system` column becomes the system
// message; without one, the first column of every record is the prompt.
import { columnOf, csvRecords } from "./csv-records";
import type { WarmupLineError } from "./schemas";
import { requestFromPrompt, type WarmupRequestBody } from "./warmup-request";

export interface ParsedItem {
  line: number;
  request: WarmupRequestBody;
}

const PROMPT_HEADERS = ["prompt", "question", "input"];

export function parseCsvPrompts(text: string): { items: ParsedItem[]; errors: WarmupLineError[] } {
  const errors: WarmupLineError[] = [];
  const records = csvRecords(text, errors);
  const header = records[0]?.cells ?? [];
  const promptColumn = columnOf(header, PROMPT_HEADERS);
  const hasHeader = promptColumn >= 0;
  const systemColumn = hasHeader ? columnOf(header, ["system"]) : -1;
  const items: ParsedItem[] = [];
  for (const record of hasHeader ? records.slice(1) : records) {
    const prompt = record.cells[hasHeader ? promptColumn : 0] ?? "";
    const result = requestFromPrompt(prompt, systemColumn >= 0 ? record.cells[systemColumn] : undefined);
    if ("error" in result) errors.push({ line: record.line, message: result.error });
    else items.push({ line: record.line, request: result.request });
  }
  errors.sort((a, b) => a.line - b.line);
  return { items, errors };
}
