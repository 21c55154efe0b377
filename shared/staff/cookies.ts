import type { Cookie, HttpRequest } from "@azure/functions";

// Hand-written: reading one named cookie from the Cookie header is a few lines; the response side uses the
// Functions runtime's own cookie serialisation (HttpResponseInit.cookies).

/** The value of one cookie of a request, or undefined. */
export function readCookie(request: Pick<HttpRequest, "headers">, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (header === null) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A session-scoped cookie the page's scripts cannot read, sent on top-level navigations from other sites (Lax). */
export function staffCookie(name: string, value: string, options: { secure: boolean; maxAgeSeconds: number }): Cookie {
  return { name, value, path: "/api/", httpOnly: true, secure: options.secure, sameSite: "Lax", maxAge: options.maxAgeSeconds };
}

/** Clears a cookie set by staffCookie. */
export function clearedCookie(name: string, secure: boolean): Cookie {
  return { name, value: "", path: "/api/", httpOnly: true, secure, sameSite: "Lax", maxAge: 0, expires: new Date(0) };
}
