// Question–answer pairs for the cache's direct import (FAQ-style content, no upstream call), read in
// the browser from an uploaded or pasted file and sent one by one to POST /api/admin/cache/entries.
//   CSV:   a header row with a question (or prompt) column and an answer column, optionally system
//   JSONL: {"question"|"prompt": "…", "answer": "…", "system"?: "…"} or {"messages": [...], "answer": "…"}
// A bad line is reported by its number; the others are imported. Pure: client code.
import { columnOf, csvRecords } from "./csv-records";
import type { WarmupLineError } from "./schemas";

export interface CachePair {
  line: number;
  messages: { role: string; content: string }[] | Record<string, unknown>[];
  answer: string;
}

export interface ParsedPairs {
  pairs: CachePair[];
  errors: WarmupLineError[];
}

function messagesFrom(question: unknown, system: unknown): CachePair["messages"] | string {
  if (typeof question !== "string" || question.trim() === "") return "The question is empty.";
  const messages: { role: string; content: string }[] = [];
  if (typeof system === "string" && system.trim() !== "") messages.push({ role: "system", content: system.trim() });
  messages.push({ role: "user", content: question.trim() });
  return messages;
}

function pairFrom(line: number, value: Record<string, unknown>, errors: WarmupLineError[]): CachePair | null {
  const answer = value.answer;
  if (typeof answer !== "string" || answer.trim() === "") {
    errors.push({ line, message: "The answer is empty." });
    return null;
  }
  const messages = Array.isArray(value.messages)
    ? (value.messages as Record<string, unknown>[])
    : messagesFrom(value.question ?? value.prompt, value.system);
  if (typeof messages === "string") {
    errors.push({ line, message: messages });
    return null;
  }
  if (messages.length === 0) {
    errors.push({ line, message: "`messages` must hold at least one message." });
    return null;
  }
  return { line, messages, answer };
}

function parseJsonlPairs(text: string): ParsedPairs {
  const parsed: ParsedPairs = { pairs: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      parsed.errors.push({ line: index + 1, message: "Not valid JSON." });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      parsed.errors.push({ line: index + 1, message: "Expected a JSON object with a question and an answer." });
      return;
    }
    const pair = pairFrom(index + 1, value as Record<string, unknown>, parsed.errors);
    if (pair) parsed.pairs.push(pair);
  });
  return parsed;
}

function parseCsvPairs(text: string): ParsedPairs {
  const parsed: ParsedPairs = { pairs: [], errors: [] };
  const records = csvRecords(text, parsed.errors);
  const header = records[0]?.cells ?? [];
  const question = columnOf(header, ["question", "prompt"]);
  const answer = columnOf(header, ["answer"]);
  if (question < 0 || answer < 0) {
    parsed.errors.unshift({ line: records[0]?.line ?? 1, message: "The first row must name a question (or prompt) column and an answer column." });
    return parsed;
  }
  const system = columnOf(header, ["system"]);
  for (const record of records.slice(1)) {
    const value = { question: record.cells[question], answer: record.cells[answer], system: system >= 0 ? record.cells[system] : undefined };
    const pair = pairFrom(record.line, value, parsed.errors);
    if (pair) parsed.pairs.push(pair);
  }
  parsed.errors.sort((a, b) => a.line - b.line);
  return parsed;
}

export function parseCachePairs(format: "csv" | "jsonl", text: string): ParsedPairs {
  const input = text.replace(/^\uFEFF/, "");
  return format === "csv" ? parseCsvPairs(input) : parseJsonlPairs(input);
}
