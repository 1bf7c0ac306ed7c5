// Runs one test suite's command for `npm test` (scripts/test.mjs) with its output passed through, and
// a watchdog: a run that prints nothing for `idleMs` is taken as hung, its processes are listed (what
// each was, how long it had run) and the whole process group is killed. A hung runner would otherwise
// hold CI until the job's own limit and end it with no word of where it stopped; once a vitest
// fork sat idle for 20 minutes before starting its next file.
import { execFileSync, spawn } from "node:child_process";

/** How long `ms` of silence is, in the watchdog's words ("12 min", "800 ms"). */
export function idleText(ms) {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${ms} ms`;
}

/** The processes of group `pgid` (the command and everything it started), as `ps` shows them. */
function describeGroup(pgid) {
  try {
    const lines = execFileSync("ps", ["-eo", "pid,pgid,etime,stat,args", "--no-headers"], { encoding: "utf8" }).split("\n");
    return lines.filter((line) => line.trim().split(/\s+/)[1] === String(pgid)).map((line) => line.slice(0, 300));
  } catch {
    return ["(ps failed)"];
  }
}

/**
 * Resolves { ok, hung, code }: `ok` when the command exited 0; `hung` when the watchdog killed it.
 * `write` receives everything the command prints (stdout and stderr), and `report` the watchdog's
 * lines; both default to this process's streams.
 */
export function runWatched(command, args, { cwd, env, idleMs, write = (chunk, stream) => stream.write(chunk), report = (line) => console.error(line) }) {
  return new Promise((resolve) => {
    // A group of its own, so that the watchdog (and a Ctrl-C here) ends the forks and browsers too.
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let lastOutput = Date.now();
    let hung = false;
    child.stdout.on("data", (chunk) => ((lastOutput = Date.now()), write(chunk, process.stdout)));
    child.stderr.on("data", (chunk) => ((lastOutput = Date.now()), write(chunk, process.stderr)));
    const killGroup = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const interrupted = () => (killGroup(), process.exit(130));
    process.once("SIGINT", interrupted);
    process.once("SIGTERM", interrupted);
    const watchdog = setInterval(() => {
      if (hung || Date.now() - lastOutput < idleMs) return;
      hung = true;
      report(`\n!!! no output for ${idleText(idleMs)}: taken as hung; its processes were:`);
      for (const line of describeGroup(child.pid)) report(`    ${line}`);
      killGroup();
    }, Math.min(10_000, Math.max(100, idleMs / 10)));
    child.once("close", (code) => {
      clearInterval(watchdog);
      process.off("SIGINT", interrupted);
      process.off("SIGTERM", interrupted);
      // The command's own children (a browser, a server) may outlive it; nothing of the run stays.
      killGroup();
      resolve({ ok: code === 0 && !hung, hung, code });
    });
  });
}
