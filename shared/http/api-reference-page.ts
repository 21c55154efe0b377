import { readFileSync } from "node:fs";

// The renderer is Redoc's standalone bundle, served from node_modules by the app itself: no CDN, and a CSP that lets
// scripts come only from here. Redoc (styled-components) injects <style> elements, hence 'unsafe-inline' for styles
// only; its search runs in a worker made from a blob: URL. Its web fonts are not loaded (no third-party origin).
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers of the API reference page and its script. */
export const API_REFERENCE_HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
} as const;

/** The API reference page: Redoc reads ./openapi.json (relative to /api/docs). */
export function apiReferencePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lawful Request Workflow API</title>
</head>
<body>
<redoc spec-url="openapi.json"></redoc>
<script src="docs/redoc.standalone.js"></script>
</body>
</html>
`;
}

let bundle: Buffer | undefined;

/** Redoc's standalone bundle from node_modules, read once. */
export function redocBundle(): Buffer {
  bundle ??= readFileSync(require.resolve("redoc/bundles/redoc.standalone.js"));
  return bundle;
}
