import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { UsersPageClient } from "./users-page-client";

export const metadata: Metadata = { title: "Users" };

// GET /users – people in the organization, their role, tier and team.
export default async function UsersPage() {
  const user = await requireSection("users");
  return <UsersPageClient canEdit={canManage(user.role)} currentUserId={user.id} />;
}
