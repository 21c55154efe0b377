import type { VettedRequester } from "../domain/requester";

/** A stored requester with the version token used for optimistic concurrency. */
export interface VersionedRequester {
  requester: VettedRequester;
  etag: string;
}

/** The registry of vetted requesters. */
export interface RequesterRegistry {
  /** Stores a new requester; fails if the id exists. */
  create(requester: VettedRequester): Promise<void>;
  /** Reads one requester, or null. */
  get(id: string): Promise<VettedRequester | null>;
  /** Reads one requester with its version, or null (for a read-modify-write). */
  read(id: string): Promise<VersionedRequester | null>;
  /** Replaces a requester if it is still at `etag`; false (and nothing changes) when someone else changed it first. */
  replace(requester: VettedRequester, etag: string): Promise<boolean>;
}
