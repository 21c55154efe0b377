import { z } from "zod";
import { DataCategory } from "../domain/enums";
import { Sha256Hex } from "../domain/primitives";
import { PackageKeyHolder, WrappedKeyFile } from "../package/format";

/** Whether storage keeps a committed package immutable (Azurite answers 501 to legal holds and policies). */
export const ImmutabilityState = z.enum(["legal_hold", "retention_policy", "not_supported", "not_requested"]);
export type ImmutabilityState = z.infer<typeof ImmutabilityState>;

/** One released package: where it is, how its key is held, and what the requester needs to open it. */
export const DeliveredPackage = z.strictObject({
  packageId: z.string().min(1),
  blobName: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
  headerSha256: Sha256Hex,
  /** SHA-256 of the signed manifest exactly as it is in the package (the body of its M record). */
  manifestSha256: Sha256Hex,
  keyOption: PackageKeyHolder,
  /** The full, versioned ids of the key-encryption keys in the header (never key material). */
  headerKeyIds: z.array(z.string().min(1)).min(1),
  /** The data key re-wrapped to the requester's registered public key; null when the provider does not hold the key. */
  requesterKey: WrappedKeyFile.nullable(),
  keyNote: z.string().optional(),
  itemCount: z.number().int().positive(),
  categories: z.array(DataCategory),
  immutability: ImmutabilityState,
  retainUntil: z.iso.datetime().optional(),
});
export type DeliveredPackage = z.infer<typeof DeliveredPackage>;

/** What a disclosure released; written once, after every package is stored, and never holding customer data. */
export const DeliveryRecord = z.strictObject({
  format: z.literal("lrw-delivery"),
  version: z.literal(1),
  demandId: z.string().min(1),
  requesterId: z.string().min(1),
  status: z.literal("sealed"),
  sealedAt: z.iso.datetime(),
  collected: z.strictObject({ from: z.string(), to: z.string() }),
  result: z.strictObject({ itemCount: z.number().int().nonnegative(), contentDisclosed: z.boolean(), nonContentDisclosed: z.boolean() }),
  /** One package per tenant whose accounts had data in scope; empty when nothing was found. */
  packages: z.array(DeliveredPackage),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

/**
 * A package committed for one part of a disclosure (a tenant, under one scope) and not yet released, with its header:
 * noted so that a retry of an attempt the host stopped (functionTimeout) reuses it instead of collecting and sealing again.
 */
export const SealedPart = z.strictObject({
  delivered: DeliveredPackage,
  /** The package's header (base64): the release re-wraps its data key to the requester from it, as at sealing. */
  header: z.base64(),
});
export type SealedPart = z.infer<typeof SealedPart>;
