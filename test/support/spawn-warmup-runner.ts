// Starts test/support/warmup-runner-process.ts as a separate OS process, to be killed mid-job.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export interface RunnerProcess {
  runnerId: string;
  /** SIGKILL to the whole process group: the runner gets no chance to clean up */
  kill(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "../..");

export function spawnWarmupRunner(env: NodeJS.ProcessEnv): Promise<RunnerProcess> {
  const child: ChildProcess = spawn("npx", ["tsx", "test/support/warmup-runner-process.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid, "SIGKILL");
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error("the warm-up runner process did not start within 60 s")), 60_000);
    lines.on("line", (line) => {
      const match = /^\{"runnerId":"([^"]+)"\}$/.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      resolve({ runnerId: match[1], kill });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the warm-up runner process exited early (code ${code})`));
    });
  });
}
