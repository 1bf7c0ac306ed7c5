// CSV input of a warm-up: one prompt per record. With a header row naming a `prompt` (or
// `question`) column, that column is the prompt and an optional `system` column becomes the system
// message; without one, the first column of every record is the prompt.
//
// csv-parse's own error recovery drops everything after a broken quote (the rest of the file looks
// like one quoted field), so a broken record is reported by the line it starts on and parsing starts
// again on the line after it: one bad line never hides the good lines below it.
import { parse } from "csv-parse/sync";
import type { WarmupLineError } from "./schemas";
import { requestFromPrompt, type WarmupRequestBody } from "./warmup-request";

export interface ParsedItem {
  line: number;
  request: WarmupRequestBody;
}

interface CsvRecord {
  cells: string[];
  line: number;
}

const PROMPT_HEADERS = ["prompt", "question", "input"];

/** Records of the text with the line each starts on; broken records become errors. */
function csvRecords(lines: string[], errors: WarmupLineError[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  let start = 0;
  while (start < lines.length) {
    let endOfLast = start;
    const chunk = lines.slice(start).join("\n");
    try {
      parse(chunk, {
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (cells: string[], context) => {
          // context.lines = the line the record ends on, within this chunk (1-based)
          let first = endOfLast;
          while (first < start + context.lines - 1 && lines[first].trim() === "") first++;
          records.push({ cells, line: first + 1 });
          endOfLast = start + context.lines;
          return cells;
        },
      });
      break;
    } catch (error) {
      let broken = endOfLast;
      while (broken < lines.length - 1 && lines[broken].trim() === "") broken++;
      const reason = error instanceof Error ? error.message.replace(/ at line \d+.*$/s, "") : "unreadable record";
      errors.push({ line: broken + 1, message: `Malformed CSV: ${reason}.` });
      start = broken + 1;
    }
  }
  return records;
}

export function parseCsvPrompts(text: string): { items: ParsedItem[]; errors: WarmupLineError[] } {
  const errors: WarmupLineError[] = [];
  const records = csvRecords(text.split(/\r?\n/), errors);
  const header = records[0]?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  const promptColumn = header.findIndex((name) => PROMPT_HEADERS.includes(name));
  const hasHeader = promptColumn >= 0;
  const systemColumn = hasHeader ? header.indexOf("system") : -1;
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
