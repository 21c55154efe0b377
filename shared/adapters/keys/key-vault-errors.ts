import { KeyServiceError } from "../../ports/key-service";

/** The parts of an Azure RestError the mapping needs (duck-typed: core-rest-pipeline is not a direct dependency). */
interface RestErrorLike {
  name: string;
  statusCode?: number;
  code?: string;
}

function isRestError(error: unknown): error is RestErrorLike {
  return error instanceof Error && error.name === "RestError";
}

/** The HTTP status of a Key Vault failure, if it was one. */
export function restStatus(error: unknown): number | undefined {
  return isRestError(error) ? error.statusCode : undefined;
}

/**
 * Maps a Key Vault failure to a KeyServiceError with a stable code. Messages carry the key id and status only:
 * never the token, the wrapped bytes or the vault's free-text message (which may echo request details).
 */
export function toKeyServiceError(error: unknown, keyId: string, operation: string): unknown {
  if (!isRestError(error)) return error;
  const status = error.statusCode;
  if (status === 403) {
    return new KeyServiceError("KEY_ACCESS_REVOKED", `Key Vault refused ${operation} with ${keyId} (403): access to the key has been revoked or the key is disabled`);
  }
  if (status === 404) return new KeyServiceError("KEY_NOT_FOUND", `Key Vault has no key ${keyId} (404) for ${operation}`);
  const code = error.code === undefined ? "" : ` ${error.code}`;
  return new KeyServiceError("KEY_SERVICE_FAILED", `Key Vault ${operation} with ${keyId} failed (${status ?? "no status"}${code})`);
}
