import type { ReactNode } from "react";
import { LimitsBanner } from "@/components/limits/limits-banner";
import type { ConsoleUser } from "@/lib/query/types";
import { navItemsFor } from "./console-sections";
import { MobileNav } from "./mobile-nav";
import { Sidebar } from "./sidebar";
import { TopBar } from "./top-bar";
import { TopProgressBar } from "./top-progress-bar";

/** Sidebar (a row of links below 1024 px) + top bar + progress bar around every console page; the nav only lists what the role may open. */
export function ConsoleShell({ user, children }: { user: ConsoleUser; children: ReactNode }) {
  const items = navItemsFor(user.role);
  return (
    <div className="flex h-screen overflow-hidden">
      <TopProgressBar />
      <Sidebar items={items} />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar user={user} />
        <MobileNav items={items} />
        <main className="flex-1 overflow-y-auto">
          <div className="mx-auto max-w-7xl px-4 py-6 md:px-6">
            {/* A warning on every page while one of the viewer's own limits is near (>= 80 %). */}
            <LimitsBanner />
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}
