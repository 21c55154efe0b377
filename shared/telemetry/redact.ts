/** What replaces anything that looks like an identifier, a credential or customer data. */
export const REDACTED = "[redacted]";

// Order matters: whole URL queries and credentials go before the narrower patterns could split them.
const PATTERNS: RegExp[] = [
  /\?[^\s"'<>#]*/g, // URL query strings: SAS tokens (sig=), signed webhook URLs, ids in parameters
  /\bsig=[^&\s"']*/gi,
  /\blrw1\.[\w.-]+/g, // requester credentials
  /\bBearer\s+\S+/gi,
  /\beyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?/g, // JWTs
  /[\w.!#$%&'*+/=^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g, // email addresses
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/g, // IPv4
  /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi, // IPv6 (also catches clock times: fine)
  /\+?\(?\d[\d\s().-]{6,}\d/g, // phone numbers and other long digit runs (account numbers, dates)
];

// Random-looking runs (base64, hex, GUIDs, generated ids): long, with both letters and digits.
const OPAQUE_RUN = /[A-Za-z0-9+/=_-]{16,}/g;

/** Replaces every identifier-looking part of a free-form string (emails, phones, IPs, tokens, SAS queries, ids) with "[redacted]". */
export function redact(value: string): string {
  const patterned = PATTERNS.reduce((text, pattern) => text.replace(pattern, (match) => (match.startsWith("?") ? `?${REDACTED}` : REDACTED)), value);
  return patterned.replace(OPAQUE_RUN, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? REDACTED : run));
}

const PATH_BASE = "https://path.invalid";

/** A URL reduced to what tells an operator where a call went: origin and path, with id-like segments, the query and the fragment redacted. */
export function redactUrl(value: string): string {
  // A bare path (url.path, http.target of the app's own routes) gets the same path rules as a whole URL.
  if (value.startsWith("/") && !value.startsWith("//")) return redactUrl(`${PATH_BASE}${value}`).slice(PATH_BASE.length);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not an absolute URL (e.g. a bare path): fall back to the free-text rules.
    return redact(value);
  }
  const segments = url.pathname.split("/");
  // Past these, a path names customer data whatever it looks like: a blob's name under its container (the customer-data
  // layout is "<account>/<category>/<day>/<item name>"), a Cosmos DB document id, a directory tenant of the admin API.
  const keptUpTo = structuralPrefix(url, segments);
  const path = segments
    .map((segment, index) =>
      segment === "" || (index < keptUpTo && /^[A-Za-z._-]{1,32}$/.test(segment) && redact(segment) === segment) ? segment : REDACTED,
    )
    .join("/");
  return `${redact(url.origin)}${path}${url.search === "" ? "" : `?${REDACTED}`}`;
}

/** How many leading path segments (counting the empty one before the first "/") can name only places, not data. */
function structuralPrefix(url: URL, segments: readonly string[]): number {
  // Azure Blob Storage: "/<container>/<blob name>"; Azurite and other path-style endpoints: "/<account>/<container>/<blob name>".
  if (/\.blob\.core\.windows\.net$/i.test(url.hostname)) return 2;
  if (segments[1] === "devstoreaccount1") return 3;
  for (let index = 1; index < segments.length; index += 1) {
    if (segments[index] === "docs") return index + 1;
    if (segments[index] === "tenants" && segments[index - 1] === "manage") return index + 1;
  }
  return segments.length;
}
