// The proxy suite through the production fast path: node:http straight into lib/gateway.
import { serveGateway } from "../support/gateway-server";
import { defineProxySuite } from "./proxy-suite";

defineProxySuite(() => serveGateway());
