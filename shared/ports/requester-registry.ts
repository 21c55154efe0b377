import type { VettedRequester } from "../domain/requester";

/** The registry of vetted requesters. */
export interface RequesterRegistry {
  /** Stores a new requester; fails if the id exists. */
  create(requester: VettedRequester): Promise<void>;
  /** Reads one requester, or null. */
  get(id: string): Promise<VettedRequester | null>;
  /** Replaces a requester (status change, credential rotation). */
  replace(requester: VettedRequester): Promise<void>;
}
