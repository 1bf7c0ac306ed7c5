// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The generated Prisma clients live outside @prisma/client; keep them and the native/driver
  // packages out of the bundle so they load from node_modules at run time.
  // piscina starts its threads from its own files (lib/tokens' counting threads).
  serverExternalPackages: [
    "better-sqlite3", "pg", "pino", "undici", "prom-client", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3", "piscina",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: {
    root: __dirname,
  },
  outputFileTracingRoot: __dirname,
  // What every answer tells the browser. Pages also get a per-request Content-Security-Policy with
  // a nonce from proxy.ts; API answers get a fixed one that allows nothing (they are never rendered).
  // Strict-Transport-Security depends on NEXTAUTH_URL at run time, so the console's boundary sets it
  // (scripts/console-boundary.mjs); these values are fixed at build time. docs/security.md has why.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          // Same-origin requests keep their Referer (and Origin, which the CSRF check reads).
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
    ];
  },
  // The proxy answers at /v1/* as well as /api/v1/*, like OpenAI's own base URL.
  async rewrites() {
    return [{ source: "/v1/:path*", destination: "/api/v1/:path*" }];
  },
};

module.exports = nextConfig;
