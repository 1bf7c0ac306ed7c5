// The Content-Security-Policy of the console's pages (set per request by proxy.ts, which also hands
// the nonce to Next.js; API answers get a fixed `default-src 'none'` one from next.config.js).
//   script-src   only scripts carrying this response's nonce, and what they load ('strict-dynamic'):
//                Next.js puts the nonce on its own inline and bundle scripts while rendering, so an
//                injected <script> or inline handler never runs. Development adds 'unsafe-eval',
//                which React's dev build needs for its error overlays.
//   style-src    'self' plus 'unsafe-inline': React writes style attributes (charts, widths) into the
//                server-rendered HTML, and attributes cannot carry a nonce. Styles cannot run code.
//   frame-ancestors 'none'   no other site may frame the console (clickjacking); X-Frame-Options: DENY
//                            says the same to older browsers.
//   upgrade-insecure-requests  only when the public URL is https.
export function contentSecurityPolicy(options: { nonce: string; development: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable, and new for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
