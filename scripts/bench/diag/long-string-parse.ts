// CPU and page faults of one large body's parse on the calling thread: JSON.parse against
// parseJsonWithLongStrings (lib/json/long-string-json.ts), alternating, for the benchmark's 4 MB
// prose and random-text prompts (docs/decisions/026-long-strings-parsed-without-a-copy.md).
//
//   node --expose-gc --import tsx scripts/bench/diag/long-string-parse.ts [rounds]
//
// A full GC runs before every parse (outside the measurement), as the proxy's frequent scavenges
// free the previous call's strings: what is measured is one parse, not a heap filling up.
import { bigPrompt } from "../big-prompts.mjs";
import { parseJsonWithLongStrings } from "../../../lib/json/long-string-json";

const rounds = Number(process.argv[2] ?? 9);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

function minorFaults(): number {
  return process.resourceUsage().minorPageFault;
}

async function measure(parse: () => unknown): Promise<{ cpuMs: number; faults: number }> {
  gc!();
  const faults = minorFaults();
  const cpu = process.cpuUsage();
  await parse();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, faults: minorFaults() - faults };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main(): Promise<void> {
  for (const kind of ["english", "random"]) {
  // The body as the proxy reads an ASCII body: one Latin-1 string.
  const text = Buffer.from(JSON.stringify({ model: "m", max_tokens: 16, messages: [{ role: "user", content: bigPrompt(kind, 4_000_000) }] })).toString("latin1");
  const results: Record<string, Array<{ cpuMs: number; faults: number }>> = { "JSON.parse": [], "long strings": [] };
  for (let round = 0; round < rounds; round++) {
    results["JSON.parse"].push(await measure(() => JSON.parse(text)));
    results["long strings"].push(await measure(() => parseJsonWithLongStrings(text, immediate)));
  }
  for (const [way, values] of Object.entries(results)) {
    const cpu = values.map((v) => v.cpuMs);
    console.log(
      `${kind.padEnd(8)} ${way.padEnd(13)} CPU ms min ${Math.min(...cpu).toFixed(1)} median ${median(cpu).toFixed(1)}, ` +
        `page faults median ${median(values.map((v) => v.faults))}`,
    );
  }
}
}

void main();
