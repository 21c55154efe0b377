import { createPublicKey } from "node:crypto";
import type { SigningKeyVersion } from "../ports/key-service";
import { publicKeyFingerprint } from "./recipient-key";

/** A signing key version as published, with the window it signed in when known (signedUntil absent: still current). */
export interface PublishedSigningKey {
  keyId: string;
  pem: string;
  fingerprint: string;
  current: boolean;
  signedFrom?: Date;
  signedUntil?: Date;
}

/**
 * The published key set: the current version first, then the earlier ones newest first. A version signed from its
 * creation until the next one was created, the rotation that made it previous.
 */
export function publishedSigningKeys(versions: readonly SigningKeyVersion[]): PublishedSigningKey[] {
  const [current, ...earlier] = versions;
  if (current === undefined) return [];
  const older = [...earlier].sort((a, b) => (b.createdOn?.getTime() ?? 0) - (a.createdOn?.getTime() ?? 0));
  const ordered = [current, ...older];
  return ordered.map((version, index) => {
    const newer = index === 0 ? undefined : ordered[index - 1];
    const signedUntil = newer?.createdOn !== undefined && version.createdOn !== undefined ? newer.createdOn : undefined;
    return {
      keyId: version.keyId,
      pem: version.pem,
      fingerprint: publicKeyFingerprint(createPublicKey(version.pem)),
      current: index === 0,
      ...(version.createdOn !== undefined ? { signedFrom: version.createdOn } : {}),
      ...(signedUntil !== undefined ? { signedUntil } : {}),
    };
  });
}

/**
 * The key set as one PEM file: each key preceded by RFC 7468 explanatory text (Key-Id, Fingerprint, Status,
 * Signed-From, Signed-Until), which PEM readers skip, so a reader that takes the first key gets the current one.
 */
export function renderSigningKeySet(keys: readonly PublishedSigningKey[]): string {
  return keys
    .map((key) => {
      const lines = [`Key-Id: ${key.keyId}`, `Fingerprint: ${key.fingerprint}`, `Status: ${key.current ? "current" : "previous"}`];
      if (key.signedFrom !== undefined) lines.push(`Signed-From: ${key.signedFrom.toISOString()}`);
      if (key.signedUntil !== undefined) lines.push(`Signed-Until: ${key.signedUntil.toISOString()}`);
      return `${lines.join("\n")}\n${key.pem.trim()}\n`;
    })
    .join("\n");
}
