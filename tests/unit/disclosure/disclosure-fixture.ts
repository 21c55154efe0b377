import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_ACCOUNTS, DEMO_TENANTS } from "../../../scripts/demo-directory";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { generateDemoDataset } from "../../../shared/adapters/local/demo-data/demo-dataset";
import { SealingDisclosureService } from "../../../shared/disclosure/sealing-disclosure-service";
import type { Target } from "../../../shared/domain/demand";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { DataCategory } from "../../../shared/domain/enums";
import type { DisclosureScope } from "../../../shared/domain/lifecycle/scope";
import type { VettedRequester } from "../../../shared/domain/requester";
import { identifierKey } from "../../../shared/domain/tenant";
import type { CollectOptions } from "../../../shared/collection/collect-scope";
import { packageFolders } from "../../../shared/collection/package-folders";
import type { CustomerDataSource } from "../../../shared/ports/customer-data-source";
import type { DeliveryRecordStore, PackageStore } from "../../../shared/ports/package-store";
import { aDemandBody, aDemandRecord, aRequester, requesterKeys, TEST_NOW } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryRequesterRegistry } from "../../support/fakes";
import { MemoryAuditLog, RevocableVaultKey } from "./disclosure-fakes";

/** Fabrikam's vault as the demo directory names it. */
export const FABRIKAM_VAULT = "https://fabrikam-keys.vault.azure.net/";

/** A sealing disclosure over the demo directory and data, with the parts tests look at. */
export interface DisclosureFixture {
  service: SealingDisclosureService;
  requesters: InMemoryRequesterRegistry;
  requester: VettedRequester;
  requesterPrivateKey: KeyObject;
  providerPublicKey: KeyObject;
  provider: LocalKeyring;
  fabrikamKey: RevocableVaultKey;
  customerHeldPrivateKey: KeyObject;
  audit: MemoryAuditLog;
  directory: InMemoryCustomerDirectory;
}

/** Builds the service on the given store, the demo directory (Lee's customer-held key replaced by one the test holds). */
export async function createDisclosureFixture(
  store: PackageStore & DeliveryRecordStore,
  options: { source?: CustomerDataSource; segmentSize?: number; collect?: CollectOptions; audit?: MemoryAuditLog } = {},
): Promise<DisclosureFixture> {
  const provider = new LocalKeyring({ directory: await mkdtemp(join(tmpdir(), "lrw-provider-")), modulusLength: 2048 });
  const fabrikamKey = new RevocableVaultKey(new LocalKeyring({ directory: await mkdtemp(join(tmpdir(), "lrw-fabrikam-")), modulusLength: 2048 }));
  const customerHeld = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const directory = new InMemoryCustomerDirectory();
  for (const tenant of DEMO_TENANTS) {
    const keyOption = tenant.keyOption.kind === "customer_held" ? { kind: "customer_held" as const, publicKeyPem: customerHeld.publicKey.export({ type: "spki", format: "pem" }).toString() } : tenant.keyOption;
    await directory.upsertTenant({ ...tenant, keyOption });
  }
  for (const account of DEMO_ACCOUNTS) await directory.upsertAccount(account);
  const requesters = new InMemoryRequesterRegistry();
  const requester = aRequester();
  await requesters.create(requester);
  const audit = options.audit ?? new MemoryAuditLog();
  const service = new SealingDisclosureService({
    directory,
    requesters,
    source: options.source ?? new DemoDataSource(generateDemoDataset(undefined, TEST_NOW)),
    packages: store,
    deliveries: store,
    provider,
    customerVaultKey: (vaultUrl, keyName) => {
      if (vaultUrl !== FABRIKAM_VAULT || keyName !== "disclosure-kek") throw new Error(`no test vault ${vaultUrl} ${keyName}`);
      return fabrikamKey;
    },
    audit,
    now: () => new Date("2026-11-25T09:00:00.000Z"),
    segmentSize: options.segmentSize ?? 1024,
    ...(options.collect === undefined ? {} : { collect: options.collect }),
  });
  return {
    service,
    requesters,
    requester,
    requesterPrivateKey: requesterKeys.privateKey,
    providerPublicKey: createPublicKey(await provider.getSigningPublicKeyPem()),
    provider,
    fabrikamKey,
    customerHeldPrivateKey: customerHeld.privateKey,
    audit,
    directory,
  };
}

/** An approved demand of the fixture's requester with this scope. */
export function aDemandWithScope(requesterId: string, scope: DisclosureScope): DemandRecord {
  return aDemandRecord({ requesterId, status: "collecting", body: aDemandBody({ targets: scope.targets, categories: scope.categories, dateRange: scope.dateRange }) });
}

/** A scope over the whole demo period. */
export function aScope(targets: Target[], categories: DataCategory[], dateRange = { from: "2025-01-01", to: "2026-12-31" }): DisclosureScope {
  return { targets, categories, dateRange };
}

/** What a scope should yield from the demo data (a demand naming just its identifiers): package path → stored bytes. */
export function expectedItems(scope: DisclosureScope): Map<string, Buffer> {
  const byTarget = new Map(DEMO_ACCOUNTS.map((a) => [identifierKey(a.identifierType, a.identifierValue), a.accountId]));
  const folders = packageFolders(scope.targets, byTarget);
  return new Map(
    generateDemoDataset(undefined, TEST_NOW)
      .filter((item) => folders.has(item.accountId) && scope.categories.includes(item.category) && item.date >= scope.dateRange.from && item.date <= scope.dateRange.to)
      .map((item) => [`${folders.get(item.accountId)}/${item.path}`, item.bytes]),
  );
}
