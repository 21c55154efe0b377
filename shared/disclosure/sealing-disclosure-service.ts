import { createHash } from "node:crypto";
import type { DemandRecord } from "../domain/demand-record";
import { isContentCategory } from "../domain/enums";
import type { DisclosureResult } from "../domain/lifecycle/activity-inputs";
import { isEmptyScope, type DisclosureScope } from "../domain/lifecycle/scope";
import type { Tenant } from "../domain/tenant";
import { CollectionError } from "../collection/collection-error";
import { ScopeViolationError, type CollectOptions } from "../collection/collect-scope";
import { PackageError } from "../package/package-error";
import type { AuditLog } from "../ports/audit-log";
import type { CustomerDataSource } from "../ports/customer-data-source";
import type { CustomerDirectory } from "../ports/customer-directory";
import type { DisclosureService } from "../ports/disclosure-service";
import { KeyServiceError, type KeyService } from "../ports/key-service";
import type { DeliveryRecordStore, PackageStore } from "../ports/package-store";
import type { RequesterRegistry } from "../ports/requester-registry";
import type { DeliveryRecord } from "./delivery-record";
import { DisclosureError } from "./disclosure-error";
import { keyWrapperFor, type CustomerVaultKeyFactory } from "./key-wrapper-for";
import { resolveTenantGroups, type TenantGroup } from "./resolve-tenant-groups";
import { reuseTenantPackage, sealTenantPackage, type SealedTenantPackage } from "./seal-tenant-package";

/** The ports a sealing disclosure uses. */
export interface SealingDisclosureDeps {
  directory: CustomerDirectory;
  requesters: RequesterRegistry;
  source: CustomerDataSource;
  packages: PackageStore;
  deliveries: DeliveryRecordStore;
  /** The provider's key-encryption key (provider-managed tenants) and signing key (every package). */
  provider: KeyService;
  customerVaultKey: CustomerVaultKeyFactory;
  audit: AuditLog;
  now: () => Date;
  /** Plaintext bytes per segment; the format's default unless a test wants many segments. */
  segmentSize?: number;
  /** Prefetch depth and stall limit of collection (shared/collection defaults otherwise). */
  collect?: CollectOptions;
}

/**
 * The DisclosureService that collects exactly the approved scope, seals one package per tenant under that
 * tenant's key option, stores the packages and releases them to the requester by writing the delivery record
 * last (R1, R6, R7). All or nothing: on any failure no record is written and committed packages are removed.
 */
export class SealingDisclosureService implements DisclosureService {
  constructor(private readonly deps: SealingDisclosureDeps) {}

  async disclose(demand: DemandRecord, scope: DisclosureScope): Promise<DisclosureResult> {
    // A retry after a release that was not acknowledged answers what was released, sealing nothing new.
    const existing = await this.deps.deliveries.get(demand.id);
    if (existing !== null) return this.released(existing);
    const sealedAt = this.deps.now();
    const sealed: AttemptPackage[] = [];
    let record: DeliveryRecord;
    try {
      const requester = await this.deps.requesters.get(demand.requesterId);
      if (requester === null) throw new DisclosureError("REQUESTER_UNKNOWN", `requester ${demand.requesterId} of demand ${demand.id} is not registered`);
      // R1 releases only to a vetted requester; a revocation is final, so the demand is parked for an operator.
      if (requester.status === "revoked") throw new DisclosureError("REQUESTER_REVOKED", `requester ${demand.requesterId} of demand ${demand.id} was revoked`);
      const groups = isEmptyScope(scope) ? [] : await resolveTenantGroups(this.deps.directory, scope.targets, demand.owners);
      for (const group of groups) {
        const wrapper = keyWrapperFor(group.tenant.keyOption, this.deps.provider, this.deps.customerVaultKey);
        const recordKeyUse = (step: string, detail: string) => this.record(demand.id, step, detail);
        // The host stops an attempt at functionTimeout with no cleanup; its retry reuses the parts it committed.
        const part = partOf(scope, group);
        const noted = await this.deps.deliveries.getSealed(demand.id, part);
        if (noted !== null) {
          // Already committed: listed before its key is re-wrapped, so a failure (a revoked key) discards it too.
          const at = sealed.push({ upload: { blobName: noted.delivered.blobName }, delivered: noted.delivered, headerBytes: Buffer.alloc(0), part }) - 1;
          const reused = await reuseTenantPackage(noted, { wrapper, requesterPublicKeyPem: requester.deliveryPublicKeyPem, recordKeyUse }).catch((error: unknown) => {
            throw toDisclosureError(error, group.tenant);
          });
          sealed[at] = { ...reused, part };
          continue;
        }
        const pkg = await sealTenantPackage({
          demand,
          scope,
          group,
          wrapper,
          signer: this.deps.provider,
          source: this.deps.source,
          store: this.deps.packages,
          requesterPublicKeyPem: requester.deliveryPublicKeyPem,
          createdAt: sealedAt,
          segmentSize: this.deps.segmentSize,
          collect: this.deps.collect,
          recordKeyUse,
        }).catch((error: unknown) => {
          throw toDisclosureError(error, group.tenant);
        });
        if (pkg === null) continue;
        sealed.push({ ...pkg, part });
        await this.deps.deliveries.putSealed(demand.id, part, { delivered: pkg.delivered, header: pkg.headerBytes.toString("base64") });
      }
      record = deliveryRecordOf(demand, scope, sealedAt, sealed);
      const stored = await this.storeRecord(record);
      if (stored !== record) {
        // A concurrent attempt released first (its packages are the delivered ones and ours are surplus), or ours landed
        // with its answer lost; either way the stored record is what was released.
        await this.discardUnreleased(demand.id, sealed);
        await this.forgetNotes(demand.id, sealed);
        return this.released(stored);
      }
    } catch (caught) {
      const error = asDisclosureError(caught);
      await this.failed(demand.id, error, sealed);
      throw error;
    }
    // Released: the record names these packages, so nothing after this point may discard them. A failure (or a crash)
    // before the release is audited is retried, and the retry audits it from the record, once.
    await this.forgetNotes(demand.id, sealed);
    return this.released(record);
  }

  /** Audits the release the delivery record describes (once per demand, however often retried) and answers its result. */
  private async released(record: DeliveryRecord): Promise<DisclosureResult> {
    await this.deps.audit.append(
      record.demandId,
      { at: this.deps.now().toISOString(), actor: "system", step: "package_released", detail: releaseDetail(record).slice(0, 2000) },
      { once: `${record.demandId}:package_released` },
    );
    return record.result;
  }

  /**
   * Writes the delivery record once and answers the record stored: ours, or one written first. A write can land with
   * its answer lost (a timeout, or the client's retry meeting the first write with 409), so the stored record is read
   * back rather than guessed.
   */
  private async storeRecord(record: DeliveryRecord): Promise<DeliveryRecord> {
    let failure: unknown = null;
    try {
      if (await this.deps.deliveries.putIfAbsent(record)) return record;
    } catch (error) {
      failure = error;
    }
    const stored = await this.deps.deliveries.get(record.demandId);
    if (stored !== null) return stored;
    throw failure ?? new DisclosureError("STORAGE_INCONSISTENT", `the delivery record of demand ${record.demandId} exists and cannot be read`);
  }

  /** Removes what was committed and records the failure; a failure while doing so is reported together with the cause. */
  private async failed(demandId: string, cause: unknown, sealed: readonly AttemptPackage[]): Promise<void> {
    try {
      await this.discardUnreleased(demandId, sealed);
      await this.record(demandId, "disclosure_failed", `${describeFailure(cause)}; nothing was delivered`);
    } catch (cleanupError) {
      throw new AggregateError([cause, cleanupError], "the disclosure failed and cleaning up after it failed too");
    }
  }

  /** Removes this attempt's packages except those a stored delivery record releases (R1: a released package stays). */
  private async discardUnreleased(demandId: string, sealed: readonly AttemptPackage[]): Promise<void> {
    if (sealed.length === 0) return;
    const released = new Set((await this.deps.deliveries.get(demandId))?.packages.map((pkg) => pkg.blobName));
    for (const pkg of sealed) {
      if (released.has(pkg.upload.blobName)) continue;
      // Forgotten first: a note must never name a package that is gone.
      await this.deps.deliveries.forgetSealed(demandId, pkg.part);
      await this.deps.packages.discard(pkg.upload);
    }
  }

  /** Forgets the notes of released packages; one left behind is harmless, as a retry finds the delivery record first. */
  private async forgetNotes(demandId: string, sealed: readonly AttemptPackage[]): Promise<void> {
    await Promise.all(sealed.map((pkg) => this.deps.deliveries.forgetSealed(demandId, pkg.part).catch(() => undefined)));
  }

  private async record(demandId: string, step: string, detail: string): Promise<void> {
    await this.deps.audit.append(demandId, { at: this.deps.now().toISOString(), actor: "system", step, detail: detail.slice(0, 2000) });
  }
}

/** A package of this attempt (sealed now or reused) and the part it was noted under. */
type AttemptPackage = SealedTenantPackage & { part: string };

/** The part of a disclosure one package is: the tenant, its key option, its accounts and the scope (a changed scope seals anew). */
function partOf(scope: DisclosureScope, group: TenantGroup): string {
  const canonical = JSON.stringify([scope, group.tenant.id, group.tenant.keyOption, [...group.accountsByTarget].sort()]);
  return createHash("sha256").update(canonical).digest("hex");
}

function deliveryRecordOf(demand: DemandRecord, scope: DisclosureScope, sealedAt: Date, sealed: readonly SealedTenantPackage[]): DeliveryRecord {
  const packages = sealed.map((pkg) => pkg.delivered);
  const categories = packages.flatMap((pkg) => pkg.categories);
  return {
    format: "lrw-delivery",
    version: 1,
    demandId: demand.id,
    requesterId: demand.requesterId,
    status: "sealed",
    sealedAt: sealedAt.toISOString(),
    collected: { from: scope.dateRange.from, to: scope.dateRange.to },
    result: {
      itemCount: packages.reduce((sum, pkg) => sum + pkg.itemCount, 0),
      contentDisclosed: categories.some(isContentCategory),
      nonContentDisclosed: categories.some((category) => !isContentCategory(category)),
    },
    packages,
  };
}

function releaseDetail(record: DeliveryRecord): string {
  if (record.packages.length === 0) return "no data within the approved scope: nothing was sealed";
  const parts = record.packages.map((pkg) => `${pkg.packageId} (${pkg.itemCount} items, key ${pkg.keyOption}, manifest sha256 ${pkg.manifestSha256}, immutability ${pkg.immutability})`);
  return `released to the requester: ${parts.join("; ")}`;
}

/** Gives key, scope and source failures a stable disclosure code; anything else is classified by asDisclosureError. */
function toDisclosureError(error: unknown, tenant: Tenant): unknown {
  if (error instanceof ScopeViolationError) return new DisclosureError("OUT_OF_SCOPE_ITEM", error.message);
  if (error instanceof CollectionError) return new DisclosureError(error.code, error.message, { cause: error });
  if (!(error instanceof KeyServiceError)) return error;
  if (error.code === "KEY_ACCESS_REVOKED" && tenant.keyOption.kind === "customer_managed") {
    return new DisclosureError(
      "CUSTOMER_KEY_REVOKED",
      `tenant ${tenant.id} has revoked the provider's access to its customer-managed key (${error.code}): the package cannot be sealed or re-wrapped, and nothing was delivered`,
    );
  }
  return new DisclosureError("KEY_UNAVAILABLE", `the ${tenant.keyOption.kind} key of tenant ${tenant.id} could not be used (${error.code}): nothing was delivered`);
}

/**
 * Every failure leaves as a DisclosureError whose message starts with its code (the orchestration sees only the
 * message); an unexpected error becomes DISCLOSURE_FAILED named by its type, with the original kept as the cause.
 */
function asDisclosureError(error: unknown): DisclosureError {
  if (error instanceof DisclosureError) return error;
  if (error instanceof CollectionError) return new DisclosureError(error.code, error.message, { cause: error });
  if (error instanceof PackageError && error.code === "UNSAFE_ITEM_PATH") {
    return new DisclosureError("SOURCE_PROTOCOL", "the data source named an item with a path the package format does not allow", { cause: error });
  }
  // A duplicate path is quoted in the PackageError's message: it names the account and the item, so it stays on the cause.
  if (error instanceof PackageError && error.code === "SEAL_INPUT_INVALID" && error.message.startsWith("duplicate item path")) {
    return new DisclosureError("SOURCE_PROTOCOL", "the data source named two items of an account with the same path", { cause: error });
  }
  return new DisclosureError("DISCLOSURE_FAILED", describeFailure(error), { cause: error });
}

/** A failure for the audit log: stable codes and our own safe messages, only the name of anything else (SDK messages can echo requests). */
function describeFailure(error: unknown): string {
  if (error instanceof DisclosureError) return error.message;
  if (error instanceof PackageError || error instanceof KeyServiceError) return `${error.code}: ${error.message}`;
  if (!(error instanceof Error)) return "disclosure failed";
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === "string" ? ` (${code})` : ""}`;
}
