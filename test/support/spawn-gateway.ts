// Starts test/support/gateway-process.ts as a separate OS process (its own memory, its own copy of
// every module) and hands back its URL, so tests can run several Tollgate processes side by side.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export interface GatewayProcess {
  url: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "../..");

export function spawnGateway(env: NodeJS.ProcessEnv): Promise<GatewayProcess> {
  // Its own process group, so stop() reaches tsx's node child too.
  const child: ChildProcess = spawn("npx", ["tsx", "test/support/gateway-process.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error("the gateway process did not start within 60 s")), 60_000);
    lines.on("line", (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${match[1]}`, stop });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway process exited early (code ${code})`));
    });
  });
}
