import type { Configuration } from "openid-client" with { "resolution-mode": "import" };
import type { SignInStart, StaffSignIn } from "../../ports/staff-sign-in";

/** Where the app is registered at the provider. */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app's callback, exactly as registered (PUBLIC_BASE_URL + /api/staff/callback). */
  redirectUri: string;
}

const SCOPE = "openid email profile";

/** Staff sign-in as an OpenID Connect relying party with openid-client (authorization code + PKCE, state, nonce). */
export class OpenIdStaffSignIn implements StaffSignIn {
  private configuration: Promise<Configuration> | undefined;

  constructor(private readonly settings: OidcClientSettings) {}

  async start(): Promise<SignInStart> {
    const client = await import("openid-client");
    const config = await this.configure();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      response_type: "code",
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  async complete(callbackQuery: URLSearchParams, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>> {
    const client = await import("openid-client");
    const config = await this.configure();
    // The callback as the provider redirected to it: the registered URI with the provider's query, whatever the
    // front end in between did to the request's own URL.
    const current = new URL(this.settings.redirectUri);
    current.search = callbackQuery.toString();
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (claims === undefined) throw new Error("the provider returned no ID token");
    return { ...claims };
  }

  async endSessionUrl(): Promise<string | null> {
    const client = await import("openid-client");
    const config = await this.configure();
    if (config.serverMetadata().end_session_endpoint === undefined) return null;
    return client.buildEndSessionUrl(config, {}).href;
  }

  /** Discovers the provider once per process (again after a failure). */
  private configure(): Promise<Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async discover(): Promise<Configuration> {
    const client = await import("openid-client");
    const issuer = new URL(this.settings.issuer);
    // Plain HTTP only for a provider on this machine (the local provider of npm start and the tests).
    const loopback = issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
    return client.discovery(
      issuer,
      this.settings.clientId,
      undefined,
      client.ClientSecretPost(this.settings.clientSecret),
      loopback ? { execute: [client.allowInsecureRequests] } : undefined,
    );
  }
}
