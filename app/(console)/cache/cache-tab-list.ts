// The Cache page's tabs: shared by the server page (which tab a ?tab= link opens) and the tab bar.
export const CACHE_TABS = [
  { id: "overview", label: "Overview" },
  { id: "settings", label: "Settings" },
  { id: "entries", label: "Entries" },
  { id: "shadow", label: "Shadow pairs" },
  { id: "warmup", label: "Warm-up" },
] as const;
export type CacheTab = (typeof CACHE_TABS)[number]["id"];

export function cacheTabOf(requested: string | undefined): CacheTab {
  return CACHE_TABS.find((tab) => tab.id === requested)?.id ?? "overview";
}
