// One CSV field (RFC 4180) for the files the API writes: the billing report and the audit-log export.
/**
 * Quoted when it holds a comma, quote, CR or LF (quotes doubled). Text that a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe: the cells hold text
 * others control (model names, the e-mail of a failed sign-in). null and undefined are empty;
 * numbers as written; other values as JSON text.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
