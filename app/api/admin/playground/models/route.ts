export const dynamic = "force-dynamic";
export { GET } from "@/lib/models/playground-models-route";
