// A configuration file's text, checked as a whole without the database: YAML, `${VAR}` references
// and literal credentials, the admin API's schemas. Every problem is returned, in the file's order.
import type { ConfigIssue } from "./config-errors";
import type { ConfigFileSpec } from "./config-types";
import { interpolate } from "./interpolate";
import { parseConfig } from "./parse-config";
import { readYaml, type YamlSource } from "./yaml-source";

export const byLine = (a: ConfigIssue, b: ConfigIssue) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

export type CheckedText = { source: YamlSource; spec: ConfigFileSpec; issues: [] } | { source: YamlSource | null; spec: null; issues: ConfigIssue[] };

export function readConfigText(text: string, environment: Record<string, string | undefined>): CheckedText {
  const { source, issues } = readYaml(text);
  if (!source) return { source: null, spec: null, issues };
  const interpolated = interpolate(source, environment);
  const parsed = parseConfig(source, interpolated.data);
  // A refused credential is reported once: the schema's complaint about the same value adds nothing.
  const refused = new Set(interpolated.issues.map((issue) => issue.path));
  const all = [...interpolated.issues, ...parsed.issues.filter((issue) => !refused.has(issue.path))].sort(byLine);
  if (all.length > 0 || !parsed.spec) return { source, spec: null, issues: all };
  return { source, spec: parsed.spec, issues: [] };
}
