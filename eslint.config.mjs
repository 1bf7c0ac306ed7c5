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
