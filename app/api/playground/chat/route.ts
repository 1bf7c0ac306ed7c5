export const dynamic = "force-dynamic";
export { POST } from "@/lib/playground/playground-route";
