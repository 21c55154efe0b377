import { beforeAll, describe, expect, it } from "vitest";
import type { Target } from "../../../shared/domain/demand";
import { aDemandBody, aDemandRecord } from "../../support/builders";
import { aScope, createDisclosureFixture, type DisclosureFixture } from "./disclosure-fixture";
import { MemoryPackageStore, openWith } from "./disclosure-fakes";

const nobody: Target = { type: "email", value: "nobody@outlook.example" };
const pat: Target = { type: "email", value: "pat@outlook.example" };
const patPhone: Target = { type: "phone", value: "+14155550123" };
const patLinks: Target = { type: "username", value: "share-7f3a9c" };

let store: MemoryPackageStore;
let fx: DisclosureFixture;
beforeAll(async () => {
  store = new MemoryPackageStore();
  fx = await createDisclosureFixture(store);
});

async function packagePaths(demandTargets: Target[], scopeTargets: Target[]): Promise<string[]> {
  const scope = aScope(scopeTargets, ["subscriber_info", "content_mail", "content_files"]);
  const demand = aDemandRecord({ requesterId: fx.requester.id, status: "collecting", body: aDemandBody({ targets: demandTargets, categories: scope.categories, dateRange: scope.dateRange }) });
  await fx.service.disclose(demand, scope);
  const paths: string[] = [];
  for (const pkg of store.records.get(demand.id)?.packages ?? []) {
    const opened = await openWith(store.committed.get(pkg.blobName)!, fx.requesterPrivateKey, fx.providerPublicKey, pkg.requesterKey!);
    paths.push(...opened.items.keys());
  }
  return paths;
}

describe("R6: a package names each account by the demand's identifier, never by the provider's internal account id", () => {
  it("R6: the folders are identifier-<position in the demand>, whatever a reviewer narrowed out before them", async () => {
    // Identifier 1 (nobody) is unknown and narrowed out; Pat's mail account is reached by identifiers 2 and 3, her links account by 4.
    const paths = await packagePaths([nobody, pat, patPhone, patLinks], [pat, patPhone, patLinks]);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => path.includes("acct-"))).toEqual([]);
    expect(new Set(paths.map((path) => path.split("/")[0]))).toEqual(new Set(["identifier-2", "identifier-4"]));
  });
});
