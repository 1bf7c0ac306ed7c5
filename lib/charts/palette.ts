// Series colours. A model (or user) keeps one colour on every chart: its colour comes from its name
// (a hash picks its preferred slot), not from its rank in one chart, so "gpt-4o" is the same teal in
// Calls, Cost, Tokens, Latency and the cache charts even though it ranks differently in each.
// "Other" is always neutral so it never competes with a named group.
export const SERIES_COLORS = [
  "#4f46e5", // indigo-600 (the console accent)
  "#0d9488", // teal-600
  "#d97706", // amber-600
  "#db2777", // pink-600
  "#0284c7", // sky-600
  "#7c3aed", // violet-600
  "#65a30d", // lime-600
  "#dc2626", // red-600
  "#0891b2", // cyan-600
  "#c026d3", // fuchsia-600
  "#ea580c", // orange-600
  "#059669", // emerald-600
] as const;

export const OTHER_COLOR = "#94a3b8"; // slate-400

/** Fixed series (input/output, p50/p95): by position, as before. */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

/** FNV-1a over the name's UTF-16 units: small, fast and the same in every browser and in Node. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The colour a name gets when nothing else on the page wants its slot. */
export function preferredColor(name: string): string {
  return SERIES_COLORS[hashName(name) % SERIES_COLORS.length];
}

export type ColorAssignment = ReadonlyMap<string, string>;

/**
 * One colour per name for a whole page of charts. Names are placed in sorted order (not by size, so
 * the assignment does not change when one chart ranks them differently): each takes its preferred
 * slot, or the next free one when an earlier name holds it. Past 12 names, slots are shared.
 */
export function assignColors(names: Iterable<string>): ColorAssignment {
  const sorted = [...new Set(names)].sort();
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const name of sorted) {
    const preferred = hashName(name) % SERIES_COLORS.length;
    let slot = preferred;
    if (taken.size < SERIES_COLORS.length) {
      while (taken.has(slot)) slot = (slot + 1) % SERIES_COLORS.length;
    }
    taken.add(slot);
    colors.set(name, SERIES_COLORS[slot]);
  }
  return colors;
}

/** The name's colour in an assignment, or its preferred colour when the assignment does not know it. */
export function colorOf(colors: ColorAssignment, name: string): string {
  return colors.get(name) ?? preferredColor(name);
}
