// Bundles lib/boot/server-entry.ts (env validation, bootstrap, the proxy's fast path) into one
// CommonJS file and requires it. It takes about 100 ms: `npm run dev`, the tests and a start that
// builds run it every time; `npm start` on a current production build requires the one
// `npm run build` wrote (scripts/build-state.mjs).
//
// Why a bundle and not tsx: packages must be loaded exactly once per process. tsx loads
// node_modules through its own require hooks, which stay installed, so packages the Next.js server
// required afterwards were evaluated a second time, and some refuse that (undici: "Illegal
// constructor"; ioredis: "Cannot redefine property: default"). Here every package stays external
// and is required from node_modules, sharing Node's module cache with the Next.js server.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { prismaClientsInPlace } from "./build-prisma-plugin.mjs";
import { buildThreadBundles } from "./build-threads.mjs";

const BUNDLE_DIR = join("node_modules", ".cache", "tollgate");

/**
 * Writes the bundle of lib/boot/server-entry.ts and the code of Tollgate's own threads
 * (scripts/build-threads.mjs). `threads: false` leaves the threads' files alone: a command that starts
 * none (scripts/config.mjs) must not replace the code a running server's next thread would load.
 */
export async function buildServerEntry(root, name = "server-entry.cjs", { threads = true } = {}) {
  const { build } = await import("esbuild");
  const outfile = join(root, BUNDLE_DIR, name);
  await build({
    absWorkingDir: root,
    entryPoints: ["lib/boot/server-entry.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    plugins: [prismaClientsInPlace(dirname(outfile))],
    sourcemap: "inline",
    logLevel: "warning",
  });
  if (threads) await buildThreadBundles(root);
  return outfile;
}

/** lib/boot/server-entry.ts's exports from a bundle built before (`npm run build`), without building. */
export function requireServerEntry(root, name = "server-entry.cjs") {
  return createRequire(join(root, "package.json"))(join(root, BUNDLE_DIR, name));
}

/**
 * Builds, then requires, lib/boot/server-entry.ts's exports. `name` keeps processes that may start at
 * the same time (a test's server, the e2e app) off each other's file.
 */
export async function loadServerEntry(root, name = "server-entry.cjs", options = {}) {
  await buildServerEntry(root, name, options);
  return requireServerEntry(root, name);
}
