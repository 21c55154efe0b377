/** A cookie jar for one origin-independent HTTP conversation (test and demo clients only). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  /** The Cookie header for a URL's host, or undefined. */
  header(url: string): string | undefined {
    const jar = this.cookies.get(new URL(url).host);
    if (jar === undefined || jar.size === 0) return undefined;
    return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Stores the Set-Cookie headers of a response (an expired or empty cookie removes it). */
  store(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(host, jar);
  }

  /** Forgets every cookie (signs out, as far as this client is concerned). */
  clear(): void {
    this.cookies.clear();
  }
}

/** Fetches with the jar, following redirects by hand so every hop's cookies are kept; returns the final response. */
export async function fetchWithJar(jar: CookieJar, url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
  let current = url;
  let request: RequestInit = init;
  for (let hop = 0; hop < 15; hop++) {
    const cookie = jar.header(current);
    const response = await fetch(current, { ...request, redirect: "manual", headers: { ...(request.headers as Record<string, string>), ...(cookie === undefined ? {} : { cookie }) } });
    jar.store(current, response);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current };
    await response.arrayBuffer();
    current = new URL(location, current).href;
    request = {};
  }
  throw new Error("too many redirects");
}

/**
 * Signs in as a staff member the way a browser would: opens the app's login, fills the provider's form with the
 * email and password, and follows the redirects back; the jar then holds the app's session cookie.
 */
export async function signInAsStaff(jar: CookieJar, appUrl: string, email: string, password: string, returnTo = "/api/staff/session"): Promise<Response> {
  const { response, url } = await fetchWithJar(jar, `${appUrl}/api/staff/login?returnTo=${encodeURIComponent(returnTo)}`);
  const page = await response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (action === undefined) throw new Error(`no sign-in form at ${url} (${response.status})`);
  const form = new URLSearchParams({ email, password });
  const done = await fetchWithJar(jar, new URL(action.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))), url).href, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  return done.response;
}
