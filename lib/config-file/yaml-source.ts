// The configuration file as YAML (the `yaml` package): its data, and where each value sits, so a
// problem found anywhere (a YAML syntax error, a zod issue, a missing reference) names its line.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { pathText, type ConfigIssue } from "./config-errors";

export type PathPart = string | number;

export interface YamlSource {
  data: unknown;
  /**
   * An issue at `path`, placed at that value, or at the nearest enclosing one that exists. With
   * `{ at: "key" }` it is placed at the key itself (an unknown field: its value may be far below).
   */
  issue(path: readonly PathPart[], message: string, options?: { at?: "key" | "value" }): ConfigIssue;
}

export function readYaml(text: string): { source: YamlSource | null; issues: ConfigIssue[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const syntax = doc.errors.map((error): ConfigIssue => {
    const at = error.linePos?.[0];
    return { path: "", line: at?.line ?? null, column: at?.col ?? null, message: error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "") };
  });
  if (syntax.length > 0) return { source: null, issues: syntax };

  const rangeOf = (node: unknown) => (node as { range?: [number, number, number] } | null | undefined)?.range;
  const keyRange = (path: readonly PathPart[]) => {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === path[path.length - 1]);
    return rangeOf(pair?.key);
  };

  const issue = (path: readonly PathPart[], message: string, options: { at?: "key" | "value" } = {}): ConfigIssue => {
    const atKey = options.at === "key" && path.length > 0 ? keyRange(path) : undefined;
    if (atKey) {
      const { line, col } = lineCounter.linePos(atKey[0]);
      return { path: pathText(path), line, column: col, message };
    }
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      const range = rangeOf(node);
      if (range) {
        const { line, col } = lineCounter.linePos(range[0]);
        return { path: pathText(path), line, column: col, message };
      }
    }
    return { path: pathText(path), line: null, column: null, message };
  };
  return { source: { data: doc.toJS({ maxAliasCount: 100 }) as unknown, issue }, issues: [] };
}
