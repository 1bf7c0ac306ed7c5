import { describe, expect, it } from "vitest";
import { parseCachePairs } from "./parse-cache-pairs";

describe("question–answer pairs", () => {
  it("reads CSV with question and answer columns, reporting bad lines and keeping the rest", () => {
    const text = 'Question,Answer,system\n"How do I rotate a key?","Revoke it and create a new one.",\n,"no question"\n"Where are prices?","In Models.",Be brief\n"no answer",\n';
    const parsed = parseCachePairs("csv", text);
    expect(parsed.pairs).toEqual([
      { line: 2, messages: [{ role: "user", content: "How do I rotate a key?" }], answer: "Revoke it and create a new one." },
      { line: 4, messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Where are prices?" }], answer: "In Models." },
    ]);
    expect(parsed.errors).toEqual([
      { line: 3, message: "The question is empty." },
      { line: 5, message: "The answer is empty." },
    ]);
  });

  it("refuses a CSV without the two columns in its first row", () => {
    expect(parseCachePairs("csv", "a,b\n1,2\n").errors).toEqual([{ line: 1, message: expect.stringMatching(/question.*answer/) }]);
  });

  it("reads JSONL with question/prompt or messages", () => {
    const text = [
      JSON.stringify({ question: "Q1", answer: "A1" }),
      "oops",
      JSON.stringify({ messages: [{ role: "user", content: "Q3" }], answer: "A3" }),
      JSON.stringify({ prompt: "Q4" }),
    ].join("\n");
    const parsed = parseCachePairs("jsonl", text);
    expect(parsed.pairs.map((p) => [p.line, p.answer])).toEqual([[1, "A1"], [3, "A3"]]);
    expect(parsed.errors).toEqual([
      { line: 2, message: "Not valid JSON." },
      { line: 4, message: "The answer is empty." },
    ]);
  });
});
