// Child processes of the benchmark: each runs in its own process group (so whatever it spawns
// goes with it), logs to a file, and is killed when the benchmark exits for any reason.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import net from "node:net";

const children = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Last resort, synchronous: every child still running gets SIGKILL. */
export function killAll() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) killGroup(child, "SIGKILL");
}

let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      console.error(`\n[bench] ${signal}: stopping child processes`);
      killAll();
      process.exit(130);
    });
  }
}

function tryPort(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** BENCH_PORTS ("3121-3129,3221-3229"): the ports this run may use, when the machine is shared out by port ranges. */
function allowedPorts() {
  const spec = process.env.BENCH_PORTS;
  if (!spec) return null;
  return spec.split(",").flatMap((range) => {
    const [low, high = low] = range.split("-").map(Number);
    return Array.from({ length: high - low + 1 }, (_, i) => low + i);
  });
}
const handedOut = new Set();

/** A port that was free a moment ago on 127.0.0.1 (any, or the next free one of BENCH_PORTS not handed out yet). */
export async function freePort() {
  const allowed = allowedPorts();
  if (!allowed) return tryPort(0);
  for (const port of allowed) {
    if (handedOut.has(port)) continue;
    const free = await tryPort(port).then(() => true, () => false);
    if (!free) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port left in BENCH_PORTS=${process.env.BENCH_PORTS}`);
}

/**
 * Starts `command args` with its output in `logFile`. Returns a handle with `waitFor(regex, ms)`
 * (resolves on the first matching output line, rejects on timeout or early exit), `output()`
 * (the recent output) and `stop(signal, ms)` (signal, then SIGKILL after `ms`; resolves the exit code).
 */
export function startProcess(name, command, args, { cwd, env, logFile }) {
  hookExit();
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let recent = "";
  const watchers = new Set();
  const onData = (data) => {
    log.write(data);
    recent = (recent + data.toString("utf8")).slice(-64 * 1024);
    for (const watcher of watchers) watcher();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      children.delete(child);
      for (const watcher of watchers) watcher();
      resolve(code ?? (signal ? `signal ${signal}` : null));
    });
  });
  exited.then(() => log.end());

  return {
    name,
    pid: child.pid,
    exited,
    output: () => recent,
    running: () => child.exitCode === null && child.signalCode === null,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (fn, value) => {
          clearTimeout(timer);
          watchers.delete(check);
          fn(value);
        };
        const check = () => {
          const match = pattern.exec(recent);
          if (match) return done(resolve, match);
          if (child.exitCode !== null || child.signalCode !== null) {
            done(reject, new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}; see ${logFile}`));
          }
        };
        const timer = setTimeout(() => done(reject, new Error(`${name} did not print ${pattern} within ${timeoutMs / 1000}s; see ${logFile}`)), timeoutMs);
        watchers.add(check);
        check();
      });
    },
    async stop(signal = "SIGTERM", graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      // The server itself gets the signal (graceful drain); the group is killed only if it hangs.
      child.kill(signal);
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      killGroup(child, "SIGKILL"); // anything it left behind in its group
      return code;
    },
  };
}
