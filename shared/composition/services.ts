import type { InvocationContext } from "@azure/functions";
import { DefaultAzureCredential } from "@azure/identity";
import * as df from "durable-functions";
import { BlobServiceClient } from "@azure/storage-blob";
import { BlobDocumentStore } from "../adapters/blob/blob-document-store";
import { COSMOS_CONTAINERS } from "../adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../adapters/cosmos/cosmos-customer-directory";
import { CosmosDemandStore } from "../adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../adapters/cosmos/cosmos-requester-registry";
import { openCosmosDatabase } from "../adapters/cosmos/open-cosmos-database";
import { CosmosAuditLog } from "../adapters/cosmos/cosmos-audit-log";
import { CosmosEffectLedger } from "../adapters/cosmos/cosmos-effect-ledger";
import { CosmosTransparencyStore } from "../adapters/cosmos/cosmos-transparency-store";
import { DurableLifecycleControl } from "../adapters/durable/durable-lifecycle-control";
import { BlobPackageStore, type PackageImmutability } from "../adapters/blob/blob-package-store";
import { createCustomerDataSource } from "./customer-data-source";
import { localCustomerVaultKeys } from "../disclosure/local-customer-vault";
import { SharedKeyLinkSigner } from "../disclosure/links/shared-key-link-signer";
import { UserDelegationLinkSigner } from "../disclosure/links/user-delegation-link-signer";
import { SealingDisclosureService } from "../disclosure/sealing-disclosure-service";
import type { DeliveryRecordStore, DownloadLinkSigner } from "../ports/package-store";
import { startTelemetry } from "../telemetry/start-telemetry";
import { lifecycleSettingsOf, parseConfig, policyLimitsOf, type AppConfig } from "../config/app-config";
import type { AuditLog } from "../ports/audit-log";
import type { DisclosureService } from "../ports/disclosure-service";
import type { EffectLedger } from "../ports/effect-ledger";
import type { LifecycleControl } from "../ports/lifecycle-control";
import type { OutcomeCounter } from "../ports/outcome-counter";
import type { TransparencyStore } from "../ports/transparency-store";
import { TransparencyOutcomeCounter } from "../transparency/transparency-outcome-counter";
import { createAcsMailer } from "../adapters/mail/acs-mailer";
import { SmtpMailer } from "../adapters/mail/smtp-mailer";
import { DirectoryTeamsNotifier } from "../adapters/teams/directory-teams-notifier";
import { WorkflowsWebhookNotifier } from "../adapters/teams/workflows-webhook-notifier";
import { CosmosUsedTokenStore } from "../adapters/cosmos/cosmos-used-token-store";
import type { Mailer } from "../ports/mailer";
import type { TeamsNotifier } from "../ports/teams-notifier";
import type { UsedTokenStore } from "../ports/used-token-store";
import { makeReviewTokens, type ReviewTokens } from "../review/review-token";
import type { ReviewRoundState } from "../review/review-round-state";
import { DemandReviewRounds } from "../use-cases/demand-review-rounds";
import type { TokenCredential } from "@azure/identity";
import { BlobCheckpointStore } from "../adapters/blob/blob-checkpoint-store";
import { BlobReportPublisher } from "../adapters/blob/blob-report-publisher";
import { KeyVaultKeyService, KeyVaultKeyWrapper, KeyVaultSigner } from "../adapters/keys/key-vault-key-service";
import { LocalKeyring } from "../adapters/keys/local-keyring";
import type { CheckpointStore } from "../ports/audit-log";
import type { KeyService } from "../ports/key-service";
import type { ReportPublisher } from "../ports/transparency-store";
import type { DataAccessAgreement, PolicyLimits } from "../domain/policy/policy-context";
import type { CustomerDirectoryAdmin } from "../ports/customer-directory";
import type { DemandStore } from "../ports/demand-store";
import type { Clock } from "../ports/clock";
import type { DocumentStore } from "../ports/document-store";
import type { RequesterRegistry } from "../ports/requester-registry";
import { isLocalHostClockPublished, LocalHostClock } from "../adapters/clock/local-host-clock";
import { MonotonicClock } from "../adapters/clock/monotonic-clock";
import { SystemClock } from "../adapters/clock/system-clock";
import type { CustomerDataSource } from "../ports/customer-data-source";
import type { PriorDemands } from "../ports/prior-demands";
import { CosmosPriorDemands } from "../adapters/cosmos/cosmos-prior-demands";
import type { StaffSignIn } from "../ports/staff-sign-in";
import { OpenIdStaffSignIn } from "../adapters/oidc/openid-staff-sign-in";
import type { StaffDirectory } from "../staff/staff-identity";
import { makeSealedCookies, type SealedCookies } from "../staff/staff-session";

/** Every port the functions use, wired to its adapter once. */
export interface Services {
  config: AppConfig;
  requesters: RequesterRegistry;
  demands: DemandStore;
  documents: DocumentStore;
  directory: CustomerDirectoryAdmin;
  /** The one clock; `now` reads it. */
  clock: Clock;
  now: () => Date;
  limits: PolicyLimits;
  agreements: DataAccessAgreement[];
  audit: AuditLog;
  ledger: EffectLedger;
  transparency: TransparencyStore;
  counter: OutcomeCounter;
  disclosure: DisclosureService;
  mailer: Mailer;
  teams: TeamsNotifier | null;
  reviewTokens: ReviewTokens;
  usedTokens: UsedTokenStore;
  reviewRounds: ReviewRoundState;
  keys: KeyService;
  checkpoints: CheckpointStore;
  publisher: ReportPublisher;
  deliveries: DeliveryRecordStore;
  downloadLinks: DownloadLinkSigner;
  packageLinkTtlMinutes: number;
  /** Where customer data is listed (the review page's preview) and collected (disclosure): one source. */
  dataSource: CustomerDataSource;
  /** Staff sign-in (OpenID Connect), the sealed session cookies and who the staff are. */
  staffSignIn: StaffSignIn;
  staffCookies: SealedCookies;
  staff: StaffDirectory;
  publicBaseUrl: string;
  /** Earlier demands for the same identifiers, for the review page. */
  priorDemands: PriorDemands;
}

/** The services plus what is bound to one invocation (the durable client). */
export type InvocationServices = Services & { lifecycle: LifecycleControl };

/** The services for an invocation whose function declared the durable client input (df.input.durableClient()). */
export async function getInvocationServices(context: InvocationContext): Promise<InvocationServices> {
  const services = await getServices();
  const lifecycle = new DurableLifecycleControl(df.getClient(context), lifecycleSettingsOf(services.config));
  return { ...services, lifecycle };
}

/** The configuration, parsed when the app loads so a bad setting stops it at start with every problem listed. */
export const config: AppConfig = parseConfig(process.env);

// Before any SDK client exists; a no-op without a connection string (npm start, tests).
startTelemetry(process.env.APPLICATIONINSIGHTS_CONNECTION_STRING);

let services: Promise<Services> | undefined;

/** The app's services, built on first use and shared by every function. */
export function getServices(): Promise<Services> {
  services ??= buildServices(config).catch((error: unknown) => {
    services = undefined;
    throw error;
  });
  return services;
}

async function buildServices(cfg: AppConfig): Promise<Services> {
  // One credential for every Azure client: the managed identity in Azure, the developer's sign-in elsewhere.
  const credential = new DefaultAzureCredential();
  const database = await openCosmosDatabase(
    { endpoint: cfg.COSMOS_ENDPOINT, database: cfg.COSMOS_DATABASE, key: cfg.COSMOS_KEY, createIfMissing: cfg.PROVISION_LOCAL_RESOURCES },
    credential,
  );
  const blobService =
    cfg.BLOB_CONNECTION_STRING !== undefined
      ? BlobServiceClient.fromConnectionString(cfg.BLOB_CONNECTION_STRING)
      : new BlobServiceClient(cfg.BLOB_SERVICE_URL, credential);
  const documents = blobService.getContainerClient(cfg.DOCUMENTS_CONTAINER);
  const packages = blobService.getContainerClient(cfg.PACKAGES_CONTAINER);
  const checkpoints = blobService.getContainerClient(cfg.AUDIT_CHECKPOINTS_CONTAINER);
  const reports = blobService.getContainerClient(cfg.TRANSPARENCY_REPORTS_CONTAINER);
  if (cfg.PROVISION_LOCAL_RESOURCES) {
    for (const container of [documents, packages, checkpoints, reports]) await container.createIfNotExists();
    if (cfg.CUSTOMER_DATA_SOURCE === "blob" && !cfg.CUSTOMER_DATA_CONTAINER.startsWith("https://")) await blobService.getContainerClient(cfg.CUSTOMER_DATA_CONTAINER).createIfNotExists();
  }
  const directory = new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
  const transparency = new CosmosTransparencyStore(database.container(COSMOS_CONTAINERS.transparency.id));
  const demands = new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id));
  const requesters = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
  const clock = createClock(cfg);
  const now = () => clock.now();
  const audit = new CosmosAuditLog(database.container(COSMOS_CONTAINERS.audit.id), undefined, now);
  const keys = createKeyService(cfg, credential);
  const packageStore = new BlobPackageStore(packages, { immutability: immutabilityOf(cfg), now });
  const dataSource = createCustomerDataSource(cfg, blobService, credential);
  return {
    config: cfg,
    requesters,
    demands,
    documents: new BlobDocumentStore(documents),
    directory,
    audit,
    ledger: new CosmosEffectLedger(database.container(COSMOS_CONTAINERS.effects.id), now),
    transparency,
    counter: new TransparencyOutcomeCounter(transparency, directory),
    disclosure: new SealingDisclosureService({
      directory,
      requesters,
      source: dataSource,
      packages: packageStore,
      deliveries: packageStore,
      provider: keys,
      customerVaultKey:
        cfg.CUSTOMER_VAULTS === "local"
          ? localCustomerVaultKeys(cfg.LOCAL_CUSTOMER_VAULTS_DIR)
          : (vaultUrl, keyName) => new KeyVaultKeyWrapper("customer_managed", { vaultUrl, keyName, credential }),
      audit,
      now,
    }),
    deliveries: packageStore,
    downloadLinks: cfg.BLOB_CONNECTION_STRING !== undefined ? new SharedKeyLinkSigner(packages) : new UserDelegationLinkSigner(blobService, packages),
    packageLinkTtlMinutes: cfg.PACKAGE_LINK_TTL_MINUTES,
    mailer: createMailer(cfg, credential),
    teams: createTeamsNotifier(cfg, now),
    reviewTokens: makeReviewTokens(Buffer.from(cfg.REVIEW_TOKEN_KEY, "base64")),
    usedTokens: new CosmosUsedTokenStore(database.container(COSMOS_CONTAINERS.usedReviewTokens.id)),
    reviewRounds: new DemandReviewRounds(demands),
    keys,
    checkpoints: new BlobCheckpointStore(checkpoints),
    publisher: new BlobReportPublisher(reports),
    clock,
    now,
    limits: policyLimitsOf(cfg),
    agreements: cfg.DATA_ACCESS_AGREEMENTS,
    dataSource,
    staffSignIn: new OpenIdStaffSignIn({
      issuer: cfg.STAFF_OIDC_ISSUER,
      clientId: cfg.STAFF_OIDC_CLIENT_ID,
      clientSecret: cfg.STAFF_OIDC_CLIENT_SECRET,
      redirectUri: `${cfg.PUBLIC_BASE_URL.replace(/\/+$/, "")}/api/staff/callback`,
    }),
    staffCookies: makeSealedCookies(Buffer.from(cfg.STAFF_SESSION_KEY, "base64")),
    staff: { primary: cfg.REVIEWERS_PRIMARY, escalation: cfg.REVIEWERS_ESCALATION, admins: cfg.STAFF_ADMINS },
    publicBaseUrl: cfg.PUBLIC_BASE_URL,
    priorDemands: new CosmosPriorDemands(database.container(COSMOS_CONTAINERS.demands.id)),
  };
}

function createMailer(cfg: AppConfig, credential: TokenCredential): Mailer {
  if (cfg.MAIL_TRANSPORT === "acs") return createAcsMailer({ endpoint: cfg.ACS_EMAIL_ENDPOINT, senderAddress: cfg.MAIL_FROM }, credential);
  return new SmtpMailer({
    host: cfg.SMTP_HOST,
    port: cfg.SMTP_PORT,
    secure: cfg.SMTP_SECURE,
    requireTls: cfg.SMTP_REQUIRE_TLS,
    user: cfg.SMTP_USER,
    password: cfg.SMTP_PASSWORD,
    from: cfg.MAIL_FROM,
  });
}

// One clock for everything that reads "now": under the local host its virtual clock, so moving it moves intake,
// timelines, audit entries, token expiry and checkpoints together; elsewhere the system clock. Never backwards.
function createClock(cfg: AppConfig): Clock {
  // Locally the host may publish its clock after the first services are built; LocalHostClock reads it at each call.
  const local = isLocalHostClockPublished() || cfg.PROVISION_LOCAL_RESOURCES;
  return new MonotonicClock(local ? new LocalHostClock() : new SystemClock());
}

function createTeamsNotifier(cfg: AppConfig, now: () => Date): TeamsNotifier | null {
  if (cfg.TEAMS_TRANSPORT === "webhook") return new WorkflowsWebhookNotifier(cfg.TEAMS_WEBHOOK_URL);
  if (cfg.TEAMS_TRANSPORT === "directory") return new DirectoryTeamsNotifier(cfg.TEAMS_LOCAL_DIR, now);
  return null;
}

function createKeyService(cfg: AppConfig, credential: TokenCredential): KeyService {
  if (cfg.KEY_PROVIDER === "local") {
    return new LocalKeyring({ directory: cfg.LOCAL_KEYRING_DIR, wrapKeyName: cfg.KEY_ENCRYPTION_KEY_NAME, signKeyName: cfg.SIGNING_KEY_NAME });
  }
  const vaultUrl = cfg.KEY_VAULT_URL;
  return new KeyVaultKeyService(
    new KeyVaultKeyWrapper("provider_managed", { vaultUrl, keyName: cfg.KEY_ENCRYPTION_KEY_NAME, credential }),
    new KeyVaultSigner({ vaultUrl, keyName: cfg.SIGNING_KEY_NAME, credential }),
  );
}

function immutabilityOf(cfg: AppConfig): PackageImmutability {
  if (cfg.PACKAGE_IMMUTABILITY === "retention") return { kind: "retention", days: cfg.PACKAGE_RETENTION_DAYS, locked: cfg.PACKAGE_RETENTION_LOCKED };
  return { kind: cfg.PACKAGE_IMMUTABILITY };
}
