// Starts test/support/gateway-process.ts as a separate OS process (its own memory, its own copy of
// every module) and hands back its URL, so tests can run several Tollgate processes side by side.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export interface GatewayProcess {
  url: string;
  /** SIGTERM (a graceful shutdown), SIGKILL after 10 s */
  stop(): Promise<void>;
  /** SIGKILL at once: the process gets no chance to clean up */
  kill(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "../..");

/** Whether any process of the group still runs. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `script`: another process entry (test/support/batch-gateway-process.ts runs a batch runner too). */
export function spawnGateway(env: NodeJS.ProcessEnv, script = "test/support/gateway-process.ts"): Promise<GatewayProcess> {
  // Its own process group, so stop() reaches tsx's node child too.
  const child: ChildProcess = spawn("npx", ["tsx", script], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid, "SIGKILL");
    await exited;
  };
  // npx may exit on the signal at once while tsx's node child is still shutting down: wait for the
  // whole process group, not for npx alone (and never SIGKILL a child that is still draining in time).
  const stop = async () => {
    if (child.pid === undefined || !groupAlive(child.pid)) return;
    process.kill(-child.pid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (groupAlive(child.pid)) process.kill(-child.pid, "SIGKILL");
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error("the gateway process did not start within 60 s")), 60_000);
    lines.on("line", (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${match[1]}`, stop, kill });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway process exited early (code ${code})`));
    });
  });
}
