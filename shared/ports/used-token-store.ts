/** Remembers spent review tokens, so each review link decides once. */
export interface UsedTokenStore {
  /** Marks a token id as used; false (and nothing changes) when it was already used. Atomic across callers. */
  markUsed(jti: string): Promise<boolean>;
  /** True when the token id has been used. */
  isUsed(jti: string): Promise<boolean>;
  /** Makes a token usable again after its decision could not be handed on, so the reviewer can retry. */
  release(jti: string): Promise<void>;
}
