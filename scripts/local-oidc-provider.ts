import { generateKeyPairSync, randomBytes, timingSafeEqual, createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** A demo staff account of the local OpenID provider. */
export interface LocalStaffAccount {
  email: string;
  name: string;
  password: string;
}

/** The app as a client of the local provider. */
export interface LocalOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** A running local OpenID provider. */
export interface LocalOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID provider (oidc-provider) on the loopback interface with the given demo staff accounts: a
 * sign-in form checks each account's password; consent is implied for the one registered client (the app). Signing
 * and cookie keys are kept under `persistDir`, so sessions survive a restart of npm start.
 */
export async function startLocalOidcProvider(options: {
  port: number;
  accounts: readonly LocalStaffAccount[];
  persistDir: string;
  client: LocalOidcClient;
}): Promise<LocalOidcProvider> {
  // oidc-provider is ESM-only; scripts compile to CommonJS, so it is loaded with a dynamic import.
  const { default: Provider } = await import("oidc-provider");
  const keys = loadOrCreateKeys(options.persistDir);
  const accounts = new Map(options.accounts.map((a) => [a.email.toLowerCase(), a]));
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: options.client.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [keys.signing] },
    cookies: { keys: [keys.cookie] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    // The app reads the email from the ID token, as it does from Entra ID's.
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: {
      devInteractions: { enabled: false },
      // The app's sign-out ends this provider's session too; these pages replace the defaults (which load web fonts).
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: unknown }, form: string) => {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out (local)</title></head><body>
<h1>Sign out of the local staff sign-in?</h1>${form}<p><button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button></p></body></html>`;
        },
        postLogoutSuccessSource: (ctx: { body: unknown }) => {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out (local)</title></head><body><h1>Signed out</h1><p>You can close this page.</p></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (account === undefined) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: account.email.toLowerCase(), email_verified: true, name: account.name }) };
    },
  });
  const callback = provider.callback();

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname.startsWith("/interaction/")) {
      handleInteraction(provider, accounts, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
        res.end("The sign-in could not be completed; start again from the app.");
      });
      return;
    }
    callback(req, res);
  });

  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type ProviderLike = InstanceType<typeof import("oidc-provider").default>;

async function handleInteraction(provider: ProviderLike, accounts: Map<string, LocalStaffAccount>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET") {
    sendForm(res, details.uid, null);
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const email = (form.get("email") ?? "").trim().toLowerCase();
  const account = accounts.get(email);
  if (account === undefined || !samePassword(form.get("password") ?? "", account.password)) {
    sendForm(res, details.uid, "Unknown account or wrong password.");
    return;
  }
  const grant = new provider.Grant({ accountId: email, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope ?? "openid"));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: email }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

function samePassword(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function sendForm(res: ServerResponse, uid: string, problem: string | null): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(problem === null ? 200 : 401, {
    "content-type": "text/html; charset=utf-8",
    // No form-action: the form's answer redirects back to the app, another origin.
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "cache-control": "no-store",
  });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Staff sign-in (local)</title></head><body>
<h1>Staff sign-in</h1><p>Local OpenID provider of the Lawful Request Workflow (Entra ID in Azure).</p>
${problem === null ? "" : `<p role="alert">${escape(problem)}</p>`}
<form method="post" action="/interaction/${escape(uid)}">
<p><label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form></body></html>`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 8192) req.destroy(new Error("form too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** The provider's RSA signing key (JWK) and cookie key, made once per persistDir. */
function loadOrCreateKeys(persistDir: string): { signing: Record<string, unknown>; cookie: string } {
  const file = path.join(persistDir, "oidc-provider-keys.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as { signing: Record<string, unknown>; cookie: string };
  mkdirSync(persistDir, { recursive: true });
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signing = { ...(privateKey.export({ format: "jwk" }) as Record<string, unknown>), kid: randomBytes(8).toString("hex"), use: "sig", alg: "RS256" };
  const keys = { signing, cookie: randomBytes(32).toString("base64url") };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
