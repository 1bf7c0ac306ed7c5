// Every route under app/api is in the OpenAPI document, with every method it exports, and the
// document names no route that does not exist: a new route without its documentation fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

const APP_API = path.resolve(__dirname, "../../app/api");
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Routes that are not Tollgate's API, each with the reason. */
const NOT_DOCUMENTED: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own sign-in, callback and session endpoints (a catch-all owned by the library)",
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The HTTP methods a route file exports: `export { GET, POST } from …`, `export function GET`, `export const GET`. */
function exportedMethods(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.map((element) => element.name.text));
    } else if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) {
      names.push(statement.name.text);
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    }
  }
  return names.filter((name) => HTTP_METHODS.has(name));
}

/** app/api/admin/keys/[id]/route.ts -> /api/admin/keys/[id] (the Next.js path, segments as written). */
function routePath(file: string): string {
  return "/api/" + path.relative(APP_API, path.dirname(file)).split(path.sep).join("/");
}

/** Next.js's `[id]` is OpenAPI's `{id}`; route groups `(name)` are not part of the URL. */
function openApiPath(nextPath: string): string {
  return nextPath
    .split("/")
    .filter((segment) => !/^\(.+\)$/.test(segment))
    .map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}"))
    .join("/");
}

const routes = routeFiles(APP_API)
  .map((file) => ({ file: path.relative(path.resolve(APP_API, "../.."), file), nextPath: routePath(file), methods: exportedMethods(file) }))
  .filter((route) => !(route.nextPath in NOT_DOCUMENTED));

describe("the OpenAPI document covers app/api", () => {
  const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;

  it("finds the route files and what they export", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.find((route) => route.nextPath === "/api/admin/keys/[id]")?.methods.sort()).toEqual(["DELETE", "GET", "PATCH"]);
    expect(openApiPath("/api/admin/alert-rules/[id]/test")).toBe("/api/admin/alert-rules/{id}/test");
  });

  it("documents every route and every method it exports", () => {
    const missing = routes.flatMap(({ file, nextPath, methods }) => {
      const documented = paths[openApiPath(nextPath)] ?? {};
      return methods.filter((method) => !(method.toLowerCase() in documented)).map((method) => `${method} ${openApiPath(nextPath)} (${file})`);
    });
    expect(missing, "routes missing from the OpenAPI document (lib/openapi/*-paths.ts)").toEqual([]);
  });

  it("documents no path or method that no route serves", () => {
    const served = new Map(routes.map((route) => [openApiPath(route.nextPath), new Set(route.methods.map((m) => m.toLowerCase()))]));
    const stale = Object.entries(paths).flatMap(([documentedPath, operations]) =>
      Object.keys(operations)
        .filter((method) => HTTP_METHODS.has(method.toUpperCase()) && !served.get(documentedPath)?.has(method))
        .map((method) => `${method.toUpperCase()} ${documentedPath}`),
    );
    expect(stale, "documented operations without a route file under app/api").toEqual([]);
  });
});
