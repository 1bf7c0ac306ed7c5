#!/usr/bin/env node
// `npm run build`: everything `npm start` needs (scripts/build-app.mjs): the Next.js app, the gateway
// bundle and Tollgate's threads, stamped so `npm start` uses them without building.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "./build-app.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const status = await buildApp(root);
if (status === 0) console.log("[tollgate] build complete: `npm start` serves it without building.");
process.exit(status);
