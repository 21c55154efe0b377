import type { DemandRecord } from "../domain/demand-record";
import { DomainError } from "../errors/domain-error";
import type { DemandStore } from "../ports/demand-store";

/** Applies a change to a stored demand with optimistic concurrency, retrying when another writer got there first; `change` returns null to leave it as it is. */
export async function updateDemand(
  demands: DemandStore,
  id: string,
  change: (record: DemandRecord) => DemandRecord | null,
): Promise<DemandRecord> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const found = await demands.get(id);
    if (found === null) throw new DomainError("not-found", "No demand has this id.");
    const next = change(found.record);
    if (next === null) return found.record;
    if ((await demands.replace(next, found.etag)) !== null) return next;
  }
  throw new DomainError("conflict", "The demand kept changing while it was being updated; try again.");
}

/** Appends a timeline entry for a request made through the API. */
export async function appendStep(deps: { demands: DemandStore; now: () => Date }, id: string, step: string, detail: string): Promise<DemandRecord> {
  const at = deps.now().toISOString();
  return updateDemand(deps.demands, id, (r) => ({ ...r, timeline: [...r.timeline, { at, step, detail }] }));
}
