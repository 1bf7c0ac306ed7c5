// `npm start` and the production build (scripts/start.mjs, scripts/build-state.mjs): a current build
// is used as `npm run build` left it; a stale one is refused with NODE_ENV=production (exit 1, a
// message saying what to run) and built otherwise. Runs the real start script in a scratch tree
// whose "build" is a few files, so no Next.js build is needed: the gateway bundle it loads says
// whether it was the prebuilt one or one bundled from the sources at start.
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = resolve(__dirname, "../..");
const THREAD_SOURCES = ["lib/usage/sqlite-usage-thread.ts", "lib/boot/console-thread-entry.ts", "lib/tokens/token-count-thread.ts", "lib/cache/sqlite-cache-thread.ts", "lib/tracing/otlp-export-thread.ts"];
let tree: string;

/** A fake lib/boot/server-entry.ts: its parseEnv says where it came from and ends the start there. */
const entrySource = (origin: string) => `export function parseEnv() { console.log("SERVER ENTRY: ${origin}"); process.exit(0); }\nexport class InvalidEnvironmentError extends Error {}\n`;

function write(path: string, text: string): void {
  mkdirSync(join(tree, path, ".."), { recursive: true });
  writeFileSync(join(tree, path), text);
}

function start(env: Record<string, string | undefined>) {
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(tree, "scripts", "start.mjs")], {
    cwd: tree,
    env: { ...inherited, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function markBuilt(): Promise<void> {
  const state = (await import(join(tree, "scripts", "build-state.mjs"))) as { markBuilt(root: string): void };
  state.markBuilt(tree);
}

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), "tollgate-build-"));
  cpSync(join(repo, "scripts"), join(tree, "scripts"), { recursive: true, filter: (src) => !src.includes(`${join("scripts", "bench")}`) });
  // Packages from the checkout, but a .cache of the scratch tree's own (where builds go).
  mkdirSync(join(tree, "node_modules", ".cache", "tollgate", "threads"), { recursive: true });
  for (const name of readdirSync(join(repo, "node_modules"))) {
    if (name !== ".cache") symlinkSync(join(repo, "node_modules", name), join(tree, "node_modules", name));
  }
  write("package.json", JSON.stringify({ name: "scratch", private: true }));
  write("tsconfig.json", JSON.stringify({ compilerOptions: { target: "es2022", module: "esnext", moduleResolution: "bundler", strict: true } }));
  write("app/page.tsx", "export default function Page() { return null; }\n");
  write("lib/boot/server-entry.ts", entrySource("bundled from the sources at start"));
  for (const file of THREAD_SOURCES) write(file, "export {};\n");
  // What `npm run build` leaves: the Next.js build id, the gateway bundle, the threads, the stamp.
  write(".next/BUILD_ID", "scratch\n");
  write("node_modules/.cache/tollgate/server-entry.cjs", entrySource("prebuilt").replace(/export function (\w+)/, "exports.$1 = function $1").replace(/export class (\w+) extends Error \{\}/, "exports.$1 = class $1 extends Error {}"));
  for (const file of THREAD_SOURCES) write(`node_modules/.cache/tollgate/threads/${file.split("/").at(-1)!.replace(".ts", ".cjs").replace("console-thread-entry", "console-thread")}`, "");
});

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

describe("npm start and the production build", () => {
  it("starts a current build as it is, without building, with NODE_ENV=production", async () => {
    await markBuilt();
    const run = start({ NODE_ENV: "production" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("SERVER ENTRY: prebuilt");
    expect(run.status).toBe(0);
  });

  it("refuses a stale build with NODE_ENV=production: exit 1 and what to run", async () => {
    await markBuilt();
    appendFileSync(join(tree, "lib", "boot", "server-entry.ts"), "// edited after the build\n");
    const run = start({ NODE_ENV: "production" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the sources changed since the last build");
    expect(run.stderr).toContain("Run `npm run build`, then `npm start`");
    expect(run.stdout).not.toContain("SERVER ENTRY");
  });

  it("refuses with NODE_ENV=production when there is no build at all", () => {
    rmSync(join(tree, ".next", "tollgate-build-hash"), { force: true });
    const run = start({ NODE_ENV: "production" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("there is no production build yet");
  });

  it("refuses an incomplete build (a bundle missing) with NODE_ENV=production", async () => {
    await markBuilt();
    rmSync(join(tree, "node_modules", ".cache", "tollgate", "threads", "sqlite-usage-thread.cjs"));
    const run = start({ NODE_ENV: "production" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/the build is incomplete \(.*sqlite-usage-thread\.cjs missing\)/);
    write("node_modules/.cache/tollgate/threads/sqlite-usage-thread.cjs", "");
  });

  it("without NODE_ENV, a stale build is built at start (the quick start on a fresh clone)", async () => {
    await markBuilt();
    appendFileSync(join(tree, "app", "page.tsx"), "// edited after the build\n");
    const run = start({});
    // The gateway bundle was rebuilt from the sources (the Next.js build would follow the env check).
    expect(run.stdout).toContain("SERVER ENTRY: bundled from the sources at start");
    expect(run.status).toBe(0);
  });
});
