export const dynamic = "force-dynamic";
export { cancelBatchAdmin as POST } from "@/lib/batches/admin-batches-route";
