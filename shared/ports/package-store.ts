import type { Writable } from "node:stream";
import type { DeliveryRecord, ImmutabilityState, SealedPart } from "../disclosure/delivery-record";

/** What an upload stored: the byte count and the SHA-256 of exactly those bytes. */
export interface StoredBytes {
  size: number;
  sha256: string;
}

/** One package on its way into storage; nothing of it is visible until it is committed. */
export interface PackageUpload {
  readonly packageId: string;
  /** The name the package will have once committed. */
  readonly blobName: string;
  /** Where the sealer writes; ending it completes the upload, destroying it abandons the upload. */
  readonly output: Writable;
  /** Resolves once every byte written to `output` is staged; rejects when the upload failed. */
  completed(): Promise<StoredBytes>;
}

/** A committed package: its final name and whether storage keeps it immutable. */
export interface CommittedPackage {
  blobName: string;
  size: number;
  sha256: string;
  immutability: ImmutabilityState;
  /** End of the retention period, when a time-based immutability policy was set. */
  retainUntil?: string;
}

/** Where sealed packages are kept (private; read only through short-lived links). */
export interface PackageStore {
  /** Starts an upload of one package of a demand. */
  beginUpload(demandId: string, packageId: string): PackageUpload;
  /**
   * Checks that storage holds exactly the staged bytes, makes them visible under the final name and, where the
   * account supports it, immutable. Fails (committing nothing) when size or digest differ.
   */
  commit(upload: PackageUpload): Promise<CommittedPackage>;
  /** Removes a package that was committed but never released (a later step of the same disclosure failed). */
  discard(pkg: Pick<PackageUpload, "blobName">): Promise<void>;
}

/** The delivery record of each demand: written once, last, and the only thing that makes a package released. */
export interface DeliveryRecordStore {
  /** Writes the record unless one exists for the demand; false (writing nothing) when one does. */
  putIfAbsent(record: DeliveryRecord): Promise<boolean>;
  /** The demand's delivery record, or null when nothing has been released. */
  get(demandId: string): Promise<DeliveryRecord | null>;
  /** Notes a committed, unreleased package of one part of a demand's disclosure (`part`: a digest of tenant and scope). */
  putSealed(demandId: string, part: string, sealed: SealedPart): Promise<void>;
  /** The package noted for this part, or null. */
  getSealed(demandId: string, part: string): Promise<SealedPart | null>;
  /** Forgets a noted package (done before the package is discarded). */
  forgetSealed(demandId: string, part: string): Promise<void>;
}

/** Makes short-lived, read-only links to stored packages. */
export interface DownloadLinkSigner {
  /** A URL that allows reading exactly one blob between `startsOn` and `expiresOn`, and nothing else. */
  signReadLink(blobName: string, startsOn: Date, expiresOn: Date): Promise<string>;
}
