// The proxy suite through the Next.js route handlers (Web Request/Response), as `npm run dev` serves it.
import { POST as chatCompletions } from "@/lib/gateway/chat-completions-route";
import { POST as embeddings } from "@/lib/gateway/embeddings-route";
import { GET as models } from "@/lib/gateway/models-route";
import { serveHandlers } from "../support/handler-server";
import { defineProxySuite } from "./proxy-suite";

defineProxySuite(() =>
  serveHandlers({
    "/api/v1/chat/completions": { POST: chatCompletions },
    "/api/v1/embeddings": { POST: embeddings },
    "/api/v1/models": { GET: models },
  }),
);
