/** Where a staff sign-in starts: the provider's authorization URL and what the callback must check. */
export interface SignInStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Staff sign-in with an OpenID provider (Entra ID in Azure, the local provider under npm start): one code path. */
export interface StaffSignIn {
  /** Starts an authorization code flow with PKCE, state and nonce. */
  start(): Promise<SignInStart>;
  /**
   * Completes it from the callback's query: exchanges the code, verifies the ID token (signature, issuer, audience,
   * nonce, expiry) and returns its claims. Throws when anything does not check out.
   */
  complete(callbackQuery: URLSearchParams, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>>;
  /** The provider's sign-out page (RP-initiated logout), or null when it has none. */
  endSessionUrl(): Promise<string | null>;
}
