// Decides whether `npm start` must build: a hash of everything that goes into the Next.js build,
// compared with the one stored by the last successful build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
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

export function isBuildCurrent(root) {
  const stamp = stampPath(root);
  if (!existsSync(stamp) || !existsSync(join(root, ".next", "BUILD_ID"))) return false;
  return readFileSync(stamp, "utf8").trim() === sourceHash(root) && statSync(stamp).isFile();
}

export function markBuilt(root) {
  writeFileSync(stampPath(root), sourceHash(root) + "\n");
}
