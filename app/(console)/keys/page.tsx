import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { canManage, canWrite } from "@/lib/auth/rbac";
import { GET as getKeys } from "@/lib/keys/keys-route";
import { keysQuery } from "@/lib/query/keys";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { KeysPageClient } from "./keys-page-client";

export const metadata: Metadata = { title: "Keys" };

// GET /keys – virtual keys: admins manage everyone's, developers their own, viewers only look.
export default async function KeysPage() {
  const user = await requireSection("keys");
  // The API scopes a developer's list to their own keys; the create dialog loads its pickers when opened.
  const state = await prefetchAdmin([{ query: keysQuery(), handler: getKeys }]);
  return (
    <HydrationBoundary state={state}>
      <KeysPageClient
        currentUser={{ id: user.id, email: user.email }}
        canCreate={canWrite(user.role)}
        canChooseOwner={canManage(user.role)}
      />
    </HydrationBoundary>
  );
}
