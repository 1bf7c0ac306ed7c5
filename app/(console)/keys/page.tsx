import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage, canWrite } from "@/lib/auth/rbac";
import { GET as getKeys } from "@/lib/keys/keys-route";
import { getUserOrThrow } from "@/lib/users/user-queries";
import { keysQuery } from "@/lib/query/keys";
import { GET as getCaptureSettings } from "@/lib/capture/capture-settings-route";
import { captureSettingsQuery } from "@/lib/query/capture";
import { myLimitsQuery } from "@/lib/query/limits";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { withMonthSpend } from "@/lib/query/prefetch-spend.server";
import { GET_ME as getMyLimits } from "@/lib/quotas/limits-route";
import { requireSection } from "../require-section";
import { KeysPageClient } from "./keys-page-client";

export const metadata: Metadata = { title: "Keys" };

// GET /keys – virtual keys: admins manage everyone's, developers their own, viewers only look.
export default async function KeysPage() {
  const user = await requireSection("keys");
  // The API scopes a developer's list to their own keys; the create dialog loads its pickers when opened.
  // With the keys: the capture badges and "My limits".
  const prefetches = [
    { query: keysQuery(), handler: getKeys },
    { query: captureSettingsQuery(), handler: getCaptureSettings },
    { query: myLimitsQuery(), handler: getMyLimits },
  ];
  const [listed, self] = await Promise.all([prefetchAdmin(prefetches), getUserOrThrow({ orgId: user.orgId, id: user.id })]);
  // Then the spend this month of the keys listed.
  const state = await withMonthSpend(listed, keysQuery(), "key");
  return (
    <HydrationBoundary state={state}>
      <KeysPageClient
        // The limits an admin set on the signed-in user's keys: the create form offers only what they allow.
        currentUser={{ id: user.id, email: user.email, keyLimits: { models: self.keyModels, maxDays: self.keyMaxDays } }}
        canCreate={canWrite(user.role)}
        canChooseOwner={canManage(user.role)}
      />
    </HydrationBoundary>
  );
}
