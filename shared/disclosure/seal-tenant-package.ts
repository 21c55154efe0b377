import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { collectScope, type CollectedItem, type CollectOptions } from "../collection/collect-scope";
import { packageFolders } from "../collection/package-folders";
import type { DemandRecord } from "../domain/demand-record";
import { DataCategory } from "../domain/enums";
import type { DisclosureScope } from "../domain/lifecycle/scope";
import { createDeliveryKeyFile } from "../package/delivery-key";
import { CUSTOMER_HELD_NOTE } from "../package/format";
import { inspectPackage } from "../package/open-package";
import { sealPackage, type SealItem, type SealResult } from "../package/seal-package";
import type { CustomerDataSource } from "../ports/customer-data-source";
import type { KeyWrapper, PackageSigner } from "../ports/key-service";
import type { PackageStore, PackageUpload } from "../ports/package-store";
import { auditedKeyWrapper, type KeyUseRecorder } from "./audited-key-wrapper";
import type { DeliveredPackage, SealedPart } from "./delivery-record";
import { GuardedOutput } from "./guarded-output";
import { packageKeyHolderOf } from "./key-wrapper-for";
import type { TenantGroup } from "./resolve-tenant-groups";

/** What the requester is told about a package whose key the provider does not hold (R7). */
export const CUSTOMER_HELD_KEY_NOTE =
  `The content is ${CUSTOMER_HELD_NOTE} (the customer holds it): the provider cannot decrypt this package or supply its key.`;

/** Everything needed to seal and store one tenant's part of a disclosure. */
export interface TenantPackageInput {
  demand: DemandRecord;
  scope: DisclosureScope;
  group: TenantGroup;
  /** The tenant's key option as a wrapper (provider, customer's vault, or customer-held public key). */
  wrapper: KeyWrapper;
  signer: PackageSigner;
  source: CustomerDataSource;
  store: PackageStore;
  requesterPublicKeyPem: string;
  createdAt: Date;
  segmentSize?: number | undefined;
  collect?: CollectOptions | undefined;
  recordKeyUse: KeyUseRecorder;
}

/** A package that is stored and committed but not yet released (no delivery record names it yet). */
export interface SealedTenantPackage {
  upload: Pick<PackageUpload, "blobName">;
  delivered: DeliveredPackage;
  /** The package's header, from which its data key is re-wrapped to the requester. */
  headerBytes: Buffer;
}

/**
 * Collects one tenant's approved scope, seals it under the tenant's key option, re-wraps the data key to the
 * requester (unless the customer holds the key) and commits the package. Null when the scope holds no data.
 * On any failure nothing of this package is committed.
 */
export async function sealTenantPackage(input: TenantPackageInput): Promise<SealedTenantPackage | null> {
  const folders = packageFolders(input.demand.body.targets, input.group.accountsByTarget);
  const items = collectScope(input.source, input.scope, input.group.accountsByTarget, folders, input.collect)[Symbol.asyncIterator]();
  const first = await items.next();
  if (first.done === true) return null;
  const packageId = randomUUID();
  const holder = packageKeyHolderOf(input.wrapper);
  const wrapper = auditedKeyWrapper(input.wrapper, packageId, input.recordKeyUse);
  const upload = input.store.beginUpload(input.demand.id, packageId);
  const output = new GuardedOutput(upload.output);
  let sealed: SealResult;
  try {
    sealed = await sealPackage({
      packageId,
      demandId: input.demand.id,
      orderReference: input.demand.body.legalProcess.reference,
      createdAt: input.createdAt,
      collected: input.scope.dateRange,
      keyOption: holder,
      wrappers: [wrapper],
      signer: input.signer,
      items: toSealItems(first.value, items, output),
      output,
      segmentSize: input.segmentSize,
    });
    output.throwIfFailed();
  } catch (error) {
    output.abandon(error instanceof Error ? error : new Error("sealing failed"));
    // Closes the items requested ahead (open connections, files); not awaited, so a listing that hangs cannot hold the failure.
    void items.return?.(undefined).catch(() => undefined);
    throw error;
  }
  const headerBytes = output.header.headerBytes();
  const { header } = await inspectPackage(Readable.from([headerBytes]));
  // Unwrapping here is the release-time key use: a customer who revoked its vault key stops the delivery now.
  const requesterKey = holder === "customer_held" ? null : await createDeliveryKeyFile(Readable.from([headerBytes]), wrapper, input.requesterPublicKeyPem);
  const committed = await input.store.commit(upload);
  const manifestBytes = Buffer.from(JSON.stringify(sealed.manifest), "utf8");
  const present = new Set(sealed.manifest.items.map((item) => item.category));
  const delivered: DeliveredPackage = {
    packageId,
    blobName: committed.blobName,
    size: committed.size,
    sha256: committed.sha256,
    headerSha256: sealed.headerSha256,
    manifestSha256: createHash("sha256").update(manifestBytes).digest("hex"),
    keyOption: holder,
    headerKeyIds: header.wrappedKeys.map((entry) => entry.keyId),
    requesterKey,
    ...(requesterKey === null ? { keyNote: CUSTOMER_HELD_KEY_NOTE } : {}),
    itemCount: sealed.manifest.items.length,
    categories: DataCategory.options.filter((category) => present.has(category)),
    immutability: committed.immutability,
    ...(committed.retainUntil === undefined ? {} : { retainUntil: committed.retainUntil }),
  };
  return { upload, delivered, headerBytes: Buffer.from(headerBytes) };
}

/**
 * A package an earlier attempt committed for this part, released as if just sealed: its data key is unwrapped and
 * re-wrapped to the requester's current key now, so a customer who revoked its vault key meanwhile still stops it.
 */
export async function reuseTenantPackage(noted: SealedPart, input: Pick<TenantPackageInput, "wrapper" | "requesterPublicKeyPem" | "recordKeyUse">): Promise<SealedTenantPackage> {
  const headerBytes = Buffer.from(noted.header, "base64");
  const { packageId, keyOption } = noted.delivered;
  const wrapper = auditedKeyWrapper(input.wrapper, packageId, input.recordKeyUse);
  const requesterKey = keyOption === "customer_held" ? null : await createDeliveryKeyFile(Readable.from([headerBytes]), wrapper, input.requesterPublicKeyPem);
  return { upload: { blobName: noted.delivered.blobName }, delivered: { ...noted.delivered, requesterKey }, headerBytes };
}

async function* toSealItems(first: CollectedItem, rest: AsyncIterator<CollectedItem>, output: GuardedOutput): AsyncIterable<SealItem> {
  let next: IteratorResult<CollectedItem> = { done: false, value: first };
  while (next.done !== true) {
    output.throwIfFailed();
    const item = next.value;
    yield {
      path: item.packagePath,
      category: item.category,
      source: item.source,
      ...(item.customerHeld ? { customerHeld: true } : {}),
      content: guardedContent(item.open(), output),
    };
    next = await rest.next();
  }
}

async function* guardedContent(content: Readable, output: GuardedOutput): AsyncIterable<Uint8Array> {
  for await (const chunk of content) {
    output.throwIfFailed();
    yield chunk as Uint8Array;
  }
}
