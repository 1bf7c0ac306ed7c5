export const dynamic = "force-dynamic";
export { exportRoute as GET } from "@/lib/conversations/conversations-route";
