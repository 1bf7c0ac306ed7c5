export const dynamic = "force-dynamic";
export { POST } from "@/lib/gateway/embeddings-route";
