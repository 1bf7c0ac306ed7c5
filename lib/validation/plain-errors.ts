// zod's default messages are written for developers ("Too small: expected number to be >=0"). The
// console's forms parse with this error map instead, so the same schema the API route uses reads
// in plain words next to the field: "Input price can't be negative". A message written into the
// schema itself ("Name is required") still wins: zod prefers it over any map.
import type { z } from "zod";

/** Field labels by name ("inputPricePerMTok" → "Input price"); unknown fields are humanized. */
export type FieldLabels = Readonly<Record<string, string>>;

type Issue = z.core.$ZodRawIssue;

/** "keyMaxDays" → "Key max days", "teamId" → "Team", "models.2" → "Models", "channels.0.url" → "URL". */
export function humanizeField(path: readonly PropertyKey[]): string {
  const name = String(path.findLast((segment) => typeof segment === "string") ?? "This field");
  const words = name
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/\b(url|api|id)\b/g, (word) => word.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function labelOf(path: readonly PropertyKey[], labels: FieldLabels): string {
  const dotted = path.map(String).join(".");
  return labels[dotted] ?? labels[String(path[0] ?? "")] ?? humanizeField(path);
}

const isBlank = (input: unknown) => input === undefined || input === null || (typeof input === "string" && input.trim() === "");

function tooSmall(issue: Extract<Issue, { code: "too_small" }>, label: string): string {
  const min = Number(issue.minimum);
  if (issue.origin === "string") return min <= 1 ? `${label} is required` : `${label} must be at least ${min} characters`;
  if (issue.origin === "array" || issue.origin === "set") return min <= 1 ? `${label} needs at least one entry` : `${label} needs at least ${min} entries`;
  if (min === 0) return issue.inclusive ? `${label} can't be negative` : `${label} must be more than 0`;
  return issue.inclusive ? `${label} must be at least ${min}` : `${label} must be more than ${min}`;
}

function tooBig(issue: Extract<Issue, { code: "too_big" }>, label: string): string {
  const max = Number(issue.maximum);
  if (issue.origin === "string") return `${label} must be at most ${max} characters`;
  if (issue.origin === "array" || issue.origin === "set") return `${label} can have at most ${max} entries`;
  return issue.inclusive ? `${label} must be at most ${max}` : `${label} must be less than ${max}`;
}

function invalidType(issue: Extract<Issue, { code: "invalid_type" }>, label: string): string {
  if (issue.expected === "int") return `${label} must be a whole number`;
  if (isBlank(issue.input)) return `${label} is required`;
  if (issue.expected === "number") return `${label} must be a number`;
  if (issue.expected === "boolean") return `${label} must be on or off`;
  return `${label} is not valid`;
}

function invalidFormat(issue: Extract<Issue, { code: "invalid_format" }>, label: string): string {
  if (isBlank(issue.input)) return `${label} is required`;
  if (issue.format === "email") return "Enter an email address like name@example.com";
  if (issue.format === "url") return `${label} must be a URL like https://example.com`;
  return `${label} is not in the expected format`;
}

/** A plain-words message for one zod issue, or undefined to keep zod's own. */
export function plainIssueMessage(issue: Issue, labels: FieldLabels = {}): string | undefined {
  const label = labelOf(issue.path ?? [], labels);
  switch (issue.code) {
    case "too_small":
      return tooSmall(issue, label);
    case "too_big":
      return tooBig(issue, label);
    case "invalid_type":
      return invalidType(issue, label);
    case "invalid_format":
      return invalidFormat(issue, label);
    case "invalid_value":
      return isBlank(issue.input) ? `Choose a ${label.toLowerCase()}` : `${label} must be one of: ${issue.values.map(String).join(", ")}`;
    case "not_multiple_of":
      return `${label} must be a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}

/** For `schema.safeParse(value, { error })` and zodResolver's schema options. */
export function plainErrorMap(labels: FieldLabels = {}): z.core.$ZodErrorMap {
  return (issue) => plainIssueMessage(issue, labels);
}

/**
 * Messages written into schemas as fragments ("must be a whole number of days") read as a sentence
 * once the field's label leads them; whole sentences are kept as they are.
 */
export function withLabel(message: string, path: readonly PropertyKey[], labels: FieldLabels = {}): string {
  const first = message.charAt(0);
  return first && first === first.toLowerCase() && first !== first.toUpperCase() ? `${labelOf(path, labels)} ${message}` : message;
}
