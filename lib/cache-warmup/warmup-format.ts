// Which format an uploaded or pasted text is in, guessed for the console's format picker (the admin
// can change it; the server parses with the format it is given). Pure, no imports: client code.
import type { WarmupFormat } from "./schemas";

export function detectWarmupFormat(fileName: string | null, text: string): WarmupFormat {
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === "csv") return "csv";
  if (extension === "jsonl" || extension === "ndjson") return "jsonl";
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length > 0 && lines.every((line) => line.trimStart().startsWith("{"))) return "jsonl";
  return "lines";
}
