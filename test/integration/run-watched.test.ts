// npm test's watchdog (scripts/run-watched.mjs): a command that stops printing is killed with every
// process it started, and its processes are listed first; one that keeps printing runs to its end.
import { describe, expect, it } from "vitest";
import { runWatched } from "../../scripts/run-watched.mjs";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function collect() {
  const output: string[] = [];
  const reports: string[] = [];
  return { output, reports, write: (chunk: Buffer) => void output.push(chunk.toString()), report: (line: string) => void reports.push(line) };
}

describe("runWatched", () => {
  it("passes a command's output through and its exit code: 0 is ok, anything else is not", async () => {
    const sink = collect();
    const ok = await runWatched(process.execPath, ["-e", "console.log('out'); console.error('err')"], { cwd: process.cwd(), env: process.env, idleMs: 5_000, ...sink });
    expect(ok).toEqual({ ok: true, hung: false, code: 0 });
    expect(sink.output.join("")).toContain("out");
    expect(sink.output.join("")).toContain("err");
    const failed = await runWatched(process.execPath, ["-e", "process.exit(3)"], { cwd: process.cwd(), env: process.env, idleMs: 5_000, ...collect() });
    expect(failed).toEqual({ ok: false, hung: false, code: 3 });
  });

  it("a command printing now and then is not hung, however long it runs past the idle limit", async () => {
    const sink = collect();
    const script = "let n = 0; const t = setInterval(() => { console.log('tick', n); if (++n === 8) clearInterval(t); }, 100);";
    const result = await runWatched(process.execPath, ["-e", script], { cwd: process.cwd(), env: process.env, idleMs: 500, ...sink });
    expect(result).toMatchObject({ ok: true, hung: false });
    expect(sink.reports).toEqual([]);
  });

  it("a silent command is killed with the processes it started, and they are listed first", async () => {
    const sink = collect();
    // The command starts a child of its own, prints that child's pid, then both go quiet.
    const script = [
      "const { spawn } = require('node:child_process');",
      "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      "console.log('child', child.pid);",
      "setInterval(() => {}, 1000);",
    ].join(" ");
    const result = await runWatched(process.execPath, ["-e", script], { cwd: process.cwd(), env: process.env, idleMs: 800, ...sink });
    expect(result).toMatchObject({ ok: false, hung: true });
    const childPid = Number(/child (\d+)/.exec(sink.output.join(""))![1]);
    expect(sink.reports[0]).toMatch(/no output for .* taken as hung/);
    expect(sink.reports.some((line) => line.includes(String(childPid)) && line.includes("setInterval"))).toBe(true);
    await expect.poll(() => alive(childPid)).toBe(false);
  });
});
