// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The generated Prisma clients live outside @prisma/client; keep them and the native/driver
  // packages out of the bundle so they load from node_modules at run time.
  // piscina starts its threads from its own files (lib/tokens' counting threads).
  serverExternalPackages: ["better-sqlite3", "pg", "pino", "undici", "prom-client", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3", "piscina"],
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: {
    root: __dirname,
  },
  outputFileTracingRoot: __dirname,
  // The proxy answers at /v1/* as well as /api/v1/*, like OpenAI's own base URL.
  async rewrites() {
    return [{ source: "/v1/:path*", destination: "/api/v1/:path*" }];
  },
};

module.exports = nextConfig;
