// Compiles the code of Tollgate's own threads from TypeScript (type-checked by tsc with the rest of
// lib/) into CommonJS files under node_modules/.cache/tollgate/threads/:
//   sqlite-usage-thread.cjs  the SQLite usage writer's thread (lib/usage/sqlite-usage-thread.ts);
//                            lib/usage/sqlite-usage-worker.ts starts it from there
//   console-thread.cjs       what scripts/next-worker.mjs needs from lib/ (lib/boot/console-thread-entry.ts)
//   token-count-thread.cjs   a token-counting thread (lib/tokens/token-count-thread.ts), run by piscina
//                            for lib/tokens/token-count-pool.ts
//   sqlite-cache-thread.cjs  the response cache's SQLite writer (lib/cache/sqlite-cache-thread.ts);
//                            lib/cache/sqlite-cache-writer.ts starts it from there
//   otlp-export-thread.cjs   encodes and posts finished spans (lib/tracing/otlp-export-thread.ts);
//                            lib/tracing/thread-span-processor.ts starts it from there
// Run by every start (scripts/server-bundle.mjs; about 100 ms), by `npm run build` and by the vitest
// setup, so the files can never be stale. Packages stay external and load from node_modules, like
// the server bundle's.
//
// Several processes may build at once (tests, the e2e app, other engineers' runs) while a thread is
// being started from the same file: each file is written next to its place and renamed into it
// (atomic), and left alone when its content did not change.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prismaClientsInPlace } from "./build-prisma-plugin.mjs";

const THREADS = {
  "sqlite-usage-thread": "lib/usage/sqlite-usage-thread.ts",
  "console-thread": "lib/boot/console-thread-entry.ts",
  "token-count-thread": "lib/tokens/token-count-thread.ts",
  "sqlite-cache-thread": "lib/cache/sqlite-cache-thread.ts",
  "otlp-export-thread": "lib/tracing/otlp-export-thread.ts",
};

/** The names of the compiled thread files (without .cjs). */
export const THREAD_NAMES = Object.keys(THREADS);

export function threadBundleDir(root) {
  return join(root, "node_modules", ".cache", "tollgate", "threads");
}

/** The compiled file of one thread: a key of THREADS. */
export function threadBundleFile(root, name) {
  if (!(name in THREADS)) throw new Error(`unknown thread bundle ${name}`);
  return join(threadBundleDir(root), `${name}.cjs`);
}

function writeIfChanged(file, contents) {
  try {
    if (readFileSync(file).equals(contents)) return;
  } catch {
    // not there yet
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

export async function buildThreadBundles(root) {
  const { build } = await import("esbuild");
  const dir = threadBundleDir(root);
  mkdirSync(dir, { recursive: true });
  await Promise.all(
    Object.entries(THREADS).map(async ([name, entry]) => {
      const result = await build({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: join(dir, `${name}.cjs`),
        write: false,
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        packages: "external",
        tsconfig: "tsconfig.json",
        plugins: [prismaClientsInPlace(dir)],
        sourcemap: "inline",
        logLevel: "warning",
      });
      writeIfChanged(threadBundleFile(root, name), Buffer.from(result.outputFiles[0].contents));
    }),
  );
}
