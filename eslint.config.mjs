import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const serverOnlyModules = ["@/lib/db", "@/lib/gateway/*", "@/lib/store", "@/lib/crypto/*", "@/lib/usage/write-usage-batch", "@/lib/logger"];

const config = [
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Components run in the browser: they must never pull in the database, secrets or the proxy.
    files: ["components/**/*.{ts,tsx}", "**/*-page-client.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: serverOnlyModules, message: "Server-only module imported from client code." }] }],
    },
  },
  {
    // The hot path stays free of UI and auth-library code (DESIGN.md).
    files: ["lib/gateway/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next-auth", "next-auth/*", "react", "react-dom", "@tanstack/*", "recharts", "@/components/*", "../auth/*"], message: "lib/gateway is the hot path: no UI or auth imports." }] },
      ],
    },
  },
  {
    // Dependencies run one way (docs/architecture.md, "Module dependencies"): the gateway uses the
    // domain modules (quotas, cache, usage, routing, …), never the reverse; what both need lives in
    // leaf modules (lib/principal, lib/openai-format, lib/http/gateway-response.ts, lib/abort,
    // lib/tokens). Only what sits above the gateway may import it: the surfaces that run calls
    // through it, the start-up wiring, route handlers (*-route.ts, the handlers behind app/api) and tests.
    files: ["lib/**/*.ts"],
    ignores: [
      "lib/gateway/**",
      "lib/boot/**",
      "lib/batches/**",
      "lib/cache-warmup/**",
      "lib/files/**",
      "lib/self-service/**",
      "lib/providers/test-connection.ts",
      "lib/**/*-route.ts",
      "**/*.test.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/gateway", "**/gateway/**", "@/lib/gateway", "@/lib/gateway/**"],
              message: "Domain modules must not import lib/gateway (it imports them). Move the shared piece to a leaf module, or pass a function in (docs/architecture.md, \"Module dependencies\").",
            },
          ],
        },
      ],
    },
  },
  {
    // V8 allocates a getter or setter defined on an object literal in the old generation, once per
    // object; the dead pair then keeps its closure (and all it reaches) alive through every scavenge
    // until the next full GC. On a per-call object that doubled the proxy's GC pauses
    // (docs/decisions/009-no-object-literal-accessors.md). Accessors belong on classes, whose prototype holds them once.
    files: ["lib/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ObjectExpression > Property[kind=/^(get|set)$/]",
          message: "No getters/setters in object literals on the server: each one is allocated in V8's old generation and keeps its closure alive past scavenges (docs/decisions/009-no-object-literal-accessors.md). Use a class.",
        },
      ],
    },
  },
];

export default config;
