// Everything the server needs, built from the sources: the Next.js app (.next), the gateway bundle
// (scripts/server-bundle.mjs) and the code of Tollgate's own threads (scripts/build-threads.mjs),
// then the stamp that tells `npm start` the build is current (scripts/build-state.mjs).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { markBuilt, sourceHash } from "./build-state.mjs";
import { buildServerEntry } from "./server-bundle.mjs";

/** `next build`; returns its exit status. */
export function runNextBuild(root) {
  const build = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return build.status ?? 1;
}

/** The whole production build; returns the exit status (0 = built and stamped). */
export async function buildApp(root) {
  // Hashed before anything is built: a source edited during the build leaves the stamp stale.
  const hash = sourceHash(root);
  await buildServerEntry(root);
  const status = runNextBuild(root);
  if (status !== 0) return status;
  markBuilt(root, hash);
  return 0;
}
