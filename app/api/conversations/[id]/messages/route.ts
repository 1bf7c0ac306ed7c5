export const dynamic = "force-dynamic";
export { appendRoute as POST } from "@/lib/conversations/conversations-route";
