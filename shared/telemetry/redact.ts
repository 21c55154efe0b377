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

/** A URL reduced to what tells an operator where a call went: origin and path, with id-like segments, the query and the fragment redacted. */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not an absolute URL (e.g. a bare path): fall back to the free-text rules.
    return redact(value);
  }
  const path = url.pathname
    .split("/")
    .map((segment) => (segment === "" || (/^[A-Za-z._-]{1,32}$/.test(segment) && redact(segment) === segment) ? segment : REDACTED))
    .join("/");
  return `${redact(url.origin)}${path}${url.search === "" ? "" : `?${REDACTED}`}`;
}
