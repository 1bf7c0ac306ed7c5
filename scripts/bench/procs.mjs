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

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
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
