export const dynamic = "force-dynamic";
export { POST } from "@/lib/models/attach-models-route";
