"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { CacheEntriesPanel } from "./cache-entries-panel";
import { CacheSettingsPanel } from "./cache-settings-panel";
import { CacheStatsPanel } from "./cache-stats-panel";
import type { CacheTab } from "./cache-tab-list";
import { CacheTabs } from "./cache-tabs";
import { ShadowPairsPanel } from "./shadow-pairs-panel";
import { WarmupPanel } from "./warmup-panel";

/** `now`: the server page's clock (ISO), so the stats' default range matches the rendered HTML. */
export function CachePageClient({ canEdit, initialTab, now }: { canEdit: boolean; initialTab: CacheTab; now: string }) {
  const [tab, setTab] = useState<CacheTab>(initialTab);
  const router = useRouter();
  const pathname = usePathname();
  const select = (next: CacheTab) => {
    setTab(next);
    router.replace(next === "overview" ? pathname : `${pathname}?tab=${next}`, { scroll: false });
  };

  return (
    <>
      <PageHeader
        title="Cache"
        description="Answers served from the response cache instead of the upstream: how often, what it saved, what is stored, and warm-up."
      />
      <CacheTabs value={tab} onChange={select} />
      <div role="tabpanel" id={`cache-panel-${tab}`} aria-labelledby={`cache-tab-${tab}`}>
        {tab === "overview" && <CacheStatsPanel now={now} />}
        {tab === "settings" && <CacheSettingsPanel canEdit={canEdit} />}
        {tab === "entries" && <CacheEntriesPanel canEdit={canEdit} />}
        {tab === "shadow" && <ShadowPairsPanel />}
        {tab === "warmup" && <WarmupPanel canEdit={canEdit} />}
      </div>
    </>
  );
}
