import type { Metadata } from "next";
import { canManage, canWrite } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { KeysPageClient } from "./keys-page-client";

export const metadata: Metadata = { title: "Keys" };

// GET /keys – virtual keys: admins manage everyone's, developers their own, viewers only look.
export default async function KeysPage() {
  const user = await requireSection("keys");
  return (
    <KeysPageClient
      currentUser={{ id: user.id, email: user.email }}
      canCreate={canWrite(user.role)}
      canChooseOwner={canManage(user.role)}
    />
  );
}
