// CPU accounting for a run, from /proc (Linux): how many cores the machine was busy, how much of
// that was the benchmark's own processes, and so how much came from everything else (other
// engineers' builds and tests on a shared machine). Returns null where /proc is not available.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function systemTicks() {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  return { busy: user + nice + system + irq + softirq + steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

/** Starts measuring; `end()` returns { machineBusyCores, cores: { name: cores }, otherCores }. */
export function cpuMeter(pids) {
  let start;
  try {
    start = { at: process.hrtime.bigint(), system: systemTicks(), procs: Object.fromEntries(Object.entries(pids).map(([n, p]) => [n, processTicks(p)])) };
  } catch {
    return { end: () => null };
  }
  return {
    end() {
      const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
      const system = systemTicks();
      const busyCores = (system.busy - start.system.busy) / TICKS_PER_SECOND / seconds;
      const cores = {};
      let ours = 0;
      for (const [name, pid] of Object.entries(pids)) {
        cores[name] = (processTicks(pid) - start.procs[name]) / TICKS_PER_SECOND / seconds;
        ours += cores[name];
      }
      return { machineBusyCores: busyCores, cores, otherCores: Math.max(0, busyCores - ours) };
    },
  };
}

function allProcessTicks() {
  const ticks = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      let name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      try {
        name = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim().slice(0, 90) || name;
      } catch {
        // keep the short name
      }
      ticks.set(entry, { name, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/** The processes that used the most CPU over `ms` (what else is running on a shared machine). */
export async function busyProcesses(ms = 1000, limit = 5, minCores = 0.05) {
  try {
    const before = allProcessTicks();
    await new Promise((r) => setTimeout(r, ms));
    const after = allProcessTicks();
    const busy = [];
    for (const [pid, { name, ticks }] of after) {
      const cores = (ticks - (before.get(pid)?.ticks ?? ticks)) / TICKS_PER_SECOND / (ms / 1000);
      if (cores >= minCores && Number(pid) !== process.pid) busy.push({ pid: Number(pid), name, cores });
    }
    return busy.sort((a, b) => b.cores - a.cores).slice(0, limit);
  } catch {
    return [];
  }
}
