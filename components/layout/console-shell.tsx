import type { ReactNode } from "react";
import type { ConsoleUser } from "@/lib/query/types";
import { navItemsFor } from "./console-sections";
import { Sidebar } from "./sidebar";
import { TopBar } from "./top-bar";

/** Sidebar + top bar around every console page; the nav only lists what the role may open. */
export function ConsoleShell({ user, children }: { user: ConsoleUser; children: ReactNode }) {
  return (
    <div className="flex h-screen overflow-hidden">
      <Sidebar items={navItemsFor(user.role)} />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar user={user} />
        <main className="flex-1 overflow-y-auto">
          <div className="mx-auto max-w-7xl px-6 py-6">{children}</div>
        </main>
      </div>
    </div>
  );
}
