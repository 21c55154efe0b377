import type { ContainerClient } from "@azure/storage-blob";
import type { DemandRecord } from "../../domain/demand-record";
import { isContentCategory } from "../../domain/enums";
import type { DisclosureResult } from "../../domain/lifecycle/activity-inputs";
import type { DisclosureScope } from "../../domain/lifecycle/scope";
import type { DisclosureService } from "../../ports/disclosure-service";

/** Local stand-in until sealed packages exist: records what would be released (scope only, no data) as a blob. */
export class RecordingDisclosureService implements DisclosureService {
  constructor(private readonly container: ContainerClient) {}

  async disclose(demand: DemandRecord, scope: DisclosureScope): Promise<DisclosureResult> {
    const result: DisclosureResult = {
      itemCount: scope.categories.length * scope.targets.length,
      contentDisclosed: scope.categories.some(isContentCategory),
      nonContentDisclosed: scope.categories.some((c) => !isContentCategory(c)),
    };
    const record = { demandId: demand.id, requesterId: demand.requesterId, scope: { ...scope, targets: scope.targets.length }, result };
    const body = JSON.stringify(record, null, 2);
    await this.container.getBlockBlobClient(`${demand.id}/release.json`).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: "application/json" },
    });
    return result;
  }
}
