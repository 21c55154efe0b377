/*
 * Percent-decoding of URL path segments as Azure's Functions host (ASP.NET Core on Kestrel) does it: valid escapes
 * are decoded as UTF-8, except `%2F` (an escaped `/`), which stays "%2F" so it cannot change the path's segments,
 * and a malformed escape (`%zz`, a lone `%`, bytes that are not UTF-8) is passed through as written rather than
 * rejected. Route values therefore reach the function as Kestrel hands them to routing. Hand-written because
 * decodeURIComponent throws on malformed input and decodes `%2F`.
 */

const escapeRun = /(?:%[0-9A-Fa-f]{2})+/g;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes one path segment the way Kestrel decodes a request path (see the module comment). */
export function decodePathSegment(segment: string): string {
  if (!segment.includes("%")) return segment;
  return segment.replace(escapeRun, (run) =>
    run
      .split(/(%2[Ff])/)
      .map((part) => (/^%2[Ff]$/.test(part) || part === "" ? part : decodeRun(part)))
      .join(""),
  );
}

function decodeRun(run: string): string {
  const bytes = Uint8Array.from(run.slice(1).split("%"), (hex) => parseInt(hex, 16));
  try {
    return utf8.decode(bytes);
  } catch {
    return run;
  }
}

/** Splits a raw (still encoded) path into decoded segments, dropping empty ones. */
export function pathSegments(rawPath: string): string[] {
  return rawPath
    .split("/")
    .filter((s) => s !== "")
    .map(decodePathSegment);
}
