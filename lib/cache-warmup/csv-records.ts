// CSV records with the line each starts on, for uploads in the browser and on the server (the
// browser build of csv-parse carries its own Buffer, so one module serves both).
//
// csv-parse's own error recovery drops everything after a broken quote (the rest of the file looks
// like one quoted field), so a broken record is reported by the line it starts on and parsing starts
// again on the line after it: one bad line never hides the good lines below it.
import { parse } from "csv-parse/browser/esm/sync";
import type { WarmupLineError } from "./schemas";

export interface CsvRecord {
  cells: string[];
  line: number;
}

export function csvRecords(text: string, errors: WarmupLineError[]): CsvRecord[] {
  const lines = text.split(/\r?\n/);
  const records: CsvRecord[] = [];
  let start = 0;
  while (start < lines.length) {
    let endOfLast = start;
    try {
      parse(lines.slice(start).join("\n"), {
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (cells: string[], context) => {
          // context.lines: the line the record ends on, counted within this chunk (1-based)
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

/** The index of the first header cell named like one of `names` (case and spaces ignored), or -1. */
export function columnOf(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((cell) => names.includes(cell.trim().toLowerCase()));
}
