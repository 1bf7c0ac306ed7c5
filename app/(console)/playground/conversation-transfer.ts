"use client";
// Export and import of saved conversations as JSON files, in the browser.
import { exportConversations, importConversations } from "./conversations-api";

export async function downloadExport(ids?: string[]): Promise<number> {
  const exported = await exportConversations(ids);
  const blob = new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `conversations-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
  return exported.conversations.length;
}

export interface ImportOutcome {
  imported: number;
  errors: string[];
}

/** The file's text as an export; an unreadable file is one error, items the API refuses are listed by position. */
export async function importFile(file: File): Promise<ImportOutcome> {
  let body: unknown;
  try {
    body = JSON.parse(await file.text());
  } catch {
    return { imported: 0, errors: [`${file.name} is not JSON; import a file that Export wrote.`] };
  }
  const result = await importConversations(body);
  return { imported: result.imported, errors: result.errors.map((error) => `Item ${error.index + 1}${error.field ? ` (${error.field})` : ""}: ${error.message}`) };
}
