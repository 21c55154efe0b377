import type { DeliveredPackage } from "../../shared/disclosure/delivery-record";
import { DomainError } from "../../shared/errors/domain-error";
import type { WrappedKeyFile } from "../../shared/package/format";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { DeliveryRecordStore, DownloadLinkSigner } from "../../shared/ports/package-store";
import type { RequesterRegistry } from "../../shared/ports/requester-registry";
import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { readOwnDemand } from "../../shared/use-cases/demand-status";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** What the package endpoint needs. */
export interface PackageDeliveryDeps {
  requesters: RequesterRegistry;
  demands: DemandStore;
  deliveries: DeliveryRecordStore;
  downloadLinks: DownloadLinkSigner;
  audit: AuditLog;
  now: () => Date;
  /** The wall clock that Storage checks a SAS against (the system clock when not given). */
  storageNow?: () => Date;
  /** How long a download link stays valid. */
  packageLinkTtlMinutes: number;
}

/** One released package as the requester receives it. */
export interface PackageView {
  packageId: string;
  downloadUrl: string;
  expiresAt: string;
  size: number;
  sha256: string;
  manifestSha256: string;
  keyOption: DeliveredPackage["keyOption"];
  /** The data key wrapped to the requester's registered public key (a delivery key file, format §9), or null. */
  wrappedKey: WrappedKeyFile | null;
  keyNote?: string;
}

const systemNow = () => new Date();

// Storage and app clocks differ a little; a link must not be born already expired.
const CLOCK_SKEW_MS = 5 * 60_000;

/** GET /api/demands/{id}/package: short-lived read-only links to the requester's released packages and their keys (R1, R7). */
export function makeGetPackageHandler(resolve: () => Promise<PackageDeliveryDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    const requester = await authenticateRequester(deps.requesters, request.headers.get("authorization"));
    const { record: demand } = await readOwnDemand(deps.demands, requester.id, request.params.id ?? "");
    const delivery = await deps.deliveries.get(demand.id);
    if (delivery === null || delivery.requesterId !== requester.id) {
      throw new DomainError("invalid-state", "The package for this demand has not been released yet.");
    }
    const now = deps.now();
    // The one exception to the app's Clock: Storage checks a SAS against its own (wall) clock, so link times are wall
    // times; locally the virtual clock may be days ahead, and a link "starting" then would not open yet.
    const wallNow = (deps.storageNow ?? systemNow)().getTime();
    const startsOn = new Date(wallNow - CLOCK_SKEW_MS);
    // A SAS carries whole seconds; the expiry reported is the one the link has.
    const expiresOn = new Date(Math.floor((wallNow + deps.packageLinkTtlMinutes * 60_000) / 1000) * 1000);
    const packages: PackageView[] = [];
    for (const pkg of delivery.packages) {
      const downloadUrl = await deps.downloadLinks.signReadLink(pkg.blobName, startsOn, expiresOn);
      // The link is handed out only once its issue is in the audit log; the log names the package, never the link.
      await deps.audit.append(demand.id, {
        at: now.toISOString(),
        actor: `requester:${requester.id}`,
        step: "package_link_issued",
        detail: linkDetail(pkg, expiresOn),
      });
      packages.push({
        packageId: pkg.packageId,
        downloadUrl,
        expiresAt: expiresOn.toISOString(),
        size: pkg.size,
        sha256: pkg.sha256,
        manifestSha256: pkg.manifestSha256,
        keyOption: pkg.keyOption,
        wrappedKey: pkg.requesterKey,
        ...(pkg.keyNote === undefined ? {} : { keyNote: pkg.keyNote }),
      });
    }
    return {
      status: 200,
      headers: NO_STORE,
      jsonBody: {
        demandId: demand.id,
        sealedAt: delivery.sealedAt,
        packages,
        ...(packages.length === 0 ? { note: "No data was found within the approved scope; nothing was sealed." } : {}),
      },
    };
  });
}

function linkDetail(pkg: DeliveredPackage, expiresOn: Date): string {
  const key = pkg.requesterKey === null ? "no key handed out (the provider does not hold this package's key)" : `data key wrapped to ${pkg.requesterKey.keyId}`;
  return `read-only link to package ${pkg.packageId} valid until ${expiresOn.toISOString()}; ${key}`;
}
