export const dynamic = "force-dynamic";
export { POST_RESTORE as POST } from "@/lib/routing/health-route";
