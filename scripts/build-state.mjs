// Whether the checkout's production build is current: a hash of everything that goes into it
// (the Next.js app, the gateway bundle and Tollgate's threads are all built from these sources),
// compared with the one stored by the last successful build, and every file the build writes present.
// `npm start` uses a current build as it is; what it does with a stale one is `buildDecision`'s.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { threadBundleFile, THREAD_NAMES } from "./build-threads.mjs";

const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma", "instrumentation.ts", "instrumentation-client.ts", "proxy.ts"];
const SKIP = /(\.test\.tsx?$|\/generated\/)/;

function walk(dir, out) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (!SKIP.test(path)) out.push(path);
  }
}

export function sourceHash(root) {
  const files = [];
  for (const dir of INPUT_DIRS) walk(join(root, dir), files);
  for (const file of INPUT_FILES) if (existsSync(join(root, file))) files.push(join(root, file));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const stampPath = (root) => join(root, ".next", "tollgate-build-hash");

/** Where the production build keeps the gateway bundle (lib/boot/server-entry.ts, see server-bundle.mjs). */
export function builtServerEntryFile(root) {
  return join(root, "node_modules", ".cache", "tollgate", "server-entry.cjs");
}

/** Every file `npm run build` writes that `npm start` needs. */
export function buildOutputs(root) {
  return [join(root, ".next", "BUILD_ID"), builtServerEntryFile(root), ...THREAD_NAMES.map((name) => threadBundleFile(root, name))];
}

/** { current: true } or { current: false, reason } (for the message that says what to run). */
export function buildStatus(root) {
  const stamp = stampPath(root);
  if (!existsSync(stamp) || !existsSync(join(root, ".next", "BUILD_ID"))) return { current: false, reason: "there is no production build yet" };
  const missing = buildOutputs(root).filter((file) => !existsSync(file));
  if (missing.length > 0) return { current: false, reason: `the build is incomplete (${missing.map((f) => relative(root, f)).join(", ")} missing)` };
  if (readFileSync(stamp, "utf8").trim() !== sourceHash(root)) return { current: false, reason: "the sources changed since the last build" };
  return { current: true, reason: null };
}

export function isBuildCurrent(root) {
  return buildStatus(root).current;
}

/**
 * What `npm start` does: "use" a current build; with a stale one, "build" it first (the default, so
 * `npm install && npm start` works on a fresh clone), or "refuse" when NODE_ENV=production was set:
 * a production host must not compile for minutes at start, nor run something nobody built on purpose.
 */
export function buildDecision({ current, requestedNodeEnv }) {
  if (current) return "use";
  return requestedNodeEnv === "production" ? "refuse" : "build";
}

export function staleBuildMessage(reason) {
  return `[tollgate] not starting: ${reason}. Run \`npm run build\`, then \`npm start\` again. ` +
    "(NODE_ENV=production is set: npm start never builds on the fly then; without NODE_ENV it builds when needed.)";
}

/** `hash`: the sources' hash taken before the build started (a file edited during it makes the next start stale). */
export function markBuilt(root, hash = sourceHash(root)) {
  writeFileSync(stampPath(root), hash + "\n");
}
