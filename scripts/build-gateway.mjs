// Bundles the proxy's fast path (lib/gateway/transport/node-gateway.ts and everything it imports
// from lib/) into one CommonJS file that scripts/server.mjs loads with a plain require.
//
// Why a bundle and not tsx at run time: packages must be loaded exactly once per process. tsx loads
// node_modules through its own namespaced require hooks, so a package the fast path imports (undici)
// was loaded a second time when the Next.js bundle required it too, and undici refuses that
// ("Illegal constructor"). Here every package stays external and is required from node_modules,
// sharing Node's module cache with the Next.js server's externals.
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";

export const GATEWAY_BUNDLE = join(".next", "tollgate", "node-gateway.cjs");

// The generated Prisma clients read their engine files relative to their own directory: require
// them where they are (by a path relative to the bundle, so the checkout can move) instead of
// bundling them.
function prismaClientsInPlace(root) {
  const bundleDir = dirname(join(root, GATEWAY_BUNDLE));
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

export async function buildGateway(root) {
  await build({
    absWorkingDir: root,
    entryPoints: ["lib/gateway/transport/node-gateway.ts"],
    outfile: GATEWAY_BUNDLE,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    plugins: [prismaClientsInPlace(root)],
    sourcemap: "inline",
    logLevel: "warning",
  });
}

export function gatewayBundleExists(root) {
  return existsSync(join(root, GATEWAY_BUNDLE));
}

/** The fast path's request handler from the bundle. */
export function loadGateway(root) {
  return createRequire(join(root, "package.json"))(join(root, GATEWAY_BUNDLE)).handleGatewayRequest;
}
