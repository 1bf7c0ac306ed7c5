// An esbuild plugin for bundles of lib/ (scripts/server-bundle.mjs, scripts/build-threads.mjs): the
// generated Prisma clients read their engine files relative to their own directory, so they are
// required where they are (by a path relative to the bundle) instead of being bundled.
import { join, relative, resolve } from "node:path";

export function prismaClientsInPlace(bundleDir) {
  return {
    name: "prisma-clients-in-place",
    setup(b) {
      b.onResolve({ filter: /\/generated\/prisma-(sqlite|postgresql)$/ }, (args) => ({
        path: `./${relative(bundleDir, join(resolve(args.resolveDir, args.path), "index.js"))}`,
        external: true,
      }));
    },
  };
}
