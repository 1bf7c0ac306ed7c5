// The project's own import graph, as tsc resolves it (tsconfig paths, `import type`, re-exports), and
// its cycles. TypeScript's scanner lists a file's imports without parsing or type-checking it, so the
// whole tree takes a second or two; ESLint's import/no-cycle took minutes
// (docs/decisions/017-one-way-module-dependencies.md).
import path from "node:path";
import ts from "typescript";

/** file -> the project files it imports (paths relative to `root`) */
export type ImportGraph = Map<string, string[]>;

export function readImportGraph(root: string, dirs: readonly string[]): ImportGraph {
  const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const cache = ts.createModuleResolutionCache(root, (name) => name, options);
  const files = dirs.flatMap((dir) => ts.sys.readDirectory(path.join(root, dir), [".ts", ".tsx"], ["**/node_modules/**", "**/generated/**", "**/*.d.ts"]));
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(ts.sys.readFile(file) ?? "", true, false);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith(".d.ts")) continue;
      targets.add(path.relative(root, resolved.resolvedFileName));
    }
    graph.set(path.relative(root, file), [...targets]);
  }
  return graph;
}

/** Groups of files that import each other, directly or through others (Tarjan's strongly connected components). */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    lowLink.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(file, Math.min(lowLink.get(file)!, index.get(next)!));
      }
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)?.includes(file)) cycles.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}
