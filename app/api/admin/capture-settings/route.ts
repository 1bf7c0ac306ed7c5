export const dynamic = "force-dynamic";
export { GET, PUT, DELETE } from "@/lib/capture/capture-settings-route";
