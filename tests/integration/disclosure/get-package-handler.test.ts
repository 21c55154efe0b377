import type { ContainerClient } from "@azure/storage-blob";
import { beforeAll, describe, expect, it } from "vitest";
import { makeGetPackageHandler, type PackageDeliveryDeps, type PackageView } from "../../../functions/handlers/get-package-handler";
import { BlobPackageStore } from "../../../shared/adapters/blob/blob-package-store";
import { issueCredential } from "../../../shared/auth/requester-credential";
import { SharedKeyLinkSigner } from "../../../shared/disclosure/links/shared-key-link-signer";
import { CUSTOMER_HELD_KEY_NOTE } from "../../../shared/disclosure/seal-tenant-package";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { DisclosureScope } from "../../../shared/domain/lifecycle/scope";
import { aRequester } from "../../support/builders";
import { InMemoryDemandStore } from "../../support/fakes";
import { aContext, aRequest, jsonOf } from "../../support/http";
import { openTestContainer } from "../../support/test-stores";
import { openWith } from "../../unit/disclosure/disclosure-fakes";
import { aDemandWithScope, aScope, createDisclosureFixture, expectedItems, type DisclosureFixture } from "../../unit/disclosure/disclosure-fixture";

let container: ContainerClient;
let store: BlobPackageStore;
let fx: DisclosureFixture;
let demands: InMemoryDemandStore;
let ownerToken: string;
let otherToken: string;

beforeAll(async () => {
  container = await openTestContainer("packages");
  store = new BlobPackageStore(container, { immutability: { kind: "legal_hold" }, now: () => new Date() });
  fx = await createDisclosureFixture(store);
  demands = new InMemoryDemandStore();
  const owner = issueCredential(fx.requester.id);
  const stored = await fx.requesters.read(fx.requester.id);
  await fx.requesters.replace({ ...fx.requester, credentialId: owner.credentialId, credentialHash: owner.credentialHash }, stored!.etag);
  ownerToken = owner.token;
  const other = aRequester();
  const otherCredential = issueCredential(other.id);
  await fx.requesters.create({ ...other, credentialId: otherCredential.credentialId, credentialHash: otherCredential.credentialHash });
  otherToken = otherCredential.token;
});

function handlerAt(now: () => Date) {
  const deps: PackageDeliveryDeps = {
    requesters: fx.requesters,
    demands,
    deliveries: store,
    downloadLinks: new SharedKeyLinkSigner(container),
    audit: fx.audit,
    now,
    storageNow: now,
    packageLinkTtlMinutes: 15,
  };
  return makeGetPackageHandler(async () => deps);
}

async function getPackage(demandId: string, token: string, now: () => Date = () => new Date()) {
  return handlerAt(now)(aRequest({ params: { id: demandId }, headers: { authorization: `Bearer ${token}` } }), aContext("getPackage"));
}

async function aStoredDemand(scope: DisclosureScope): Promise<DemandRecord> {
  const demand = aDemandWithScope(fx.requester.id, scope);
  await demands.create(demand);
  return demand;
}

describe("GET /api/demands/{id}/package", () => {
  it("answers 409 before the package is released, then 200 with a working read-only link and the requester's key", async () => {
    const scope = aScope([{ type: "email", value: "pat@outlook.example" }], ["subscriber_info", "content_mail"]);
    const demand = await aStoredDemand(scope);
    const early = await getPackage(demand.id, ownerToken);
    expect(early.status).toBe(409);
    expect(jsonOf(early).type).toBe("https://lawful-request-workflow.dev/problems/invalid-state");

    await fx.service.disclose(demand, scope);
    const response = await getPackage(demand.id, ownerToken);
    expect(response.status).toBe(200);
    expect((response.headers as Record<string, string>)["cache-control"]).toBe("no-store");
    const [pkg] = jsonOf(response).packages as PackageView[];
    expect(pkg?.wrappedKey?.algorithm).toBe("RSA-OAEP-256");
    const url = new URL(pkg!.downloadUrl);
    expect(url.searchParams.get("sp")).toBe("r");
    expect(new Date(url.searchParams.get("se")!).toISOString()).toBe(pkg!.expiresAt);

    const download = await fetch(pkg!.downloadUrl);
    expect(download.status).toBe(200);
    // R1: Storage answers the download itself no-store (the link's rscc), so no cache on the way keeps a package.
    expect(download.headers.get("cache-control")).toBe("no-store");
    const bytes = Buffer.from(await download.arrayBuffer());
    const opened = await openWith(bytes, fx.requesterPrivateKey, fx.providerPublicKey, pkg!.wrappedKey!);
    const expected = expectedItems(scope);
    expect([...opened.items.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(opened.items.get(path)?.equals(content)).toBe(true);

    // The link reads, and only reads; without it the blob is out of reach.
    expect((await fetch(pkg!.downloadUrl, { method: "PUT", body: "x", headers: { "x-ms-blob-type": "BlockBlob" } })).status).toBe(403);
    expect((await fetch(`${url.origin}${url.pathname}`)).status).toBeGreaterThanOrEqual(400);

    const issued = fx.audit.entries.filter((e) => e.demandId === demand.id && e.step === "package_link_issued");
    expect(issued).toHaveLength(1);
    expect(issued[0]?.actor).toBe(`requester:${fx.requester.id}`);
    expect(issued[0]?.detail).toContain(pkg!.packageId);
    expect(issued[0]?.detail).not.toContain("sig=");
    expect(issued[0]?.detail).not.toContain(url.searchParams.get("sig")!);
  });

  it("answers 404 to another requester and 401 without a credential", async () => {
    const scope = aScope([{ type: "email", value: "pat@outlook.example" }], ["billing"]);
    const demand = await aStoredDemand(scope);
    await fx.service.disclose(demand, scope);
    const foreign = await getPackage(demand.id, otherToken);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.jsonBody)).not.toContain("blob");
    expect((await handlerAt(() => new Date())(aRequest({ params: { id: demand.id } }), aContext())).status).toBe(401);
    expect(fx.audit.entries.filter((e) => e.demandId === demand.id && e.step === "package_link_issued")).toEqual([]);
  });

  it("issues links that expire", async () => {
    const scope = aScope([{ type: "email", value: "owner@northwind.example" }], ["billing"]);
    const demand = await aStoredDemand(scope);
    await fx.service.disclose(demand, scope);
    const response = await getPackage(demand.id, ownerToken, () => new Date(Date.now() - 60 * 60_000));
    const [pkg] = jsonOf(response).packages as PackageView[];
    expect((await fetch(pkg!.downloadUrl)).status).toBe(403);
  });

  it("hands out no key for a customer-held package, and says why", async () => {
    const scope = aScope([{ type: "email", value: "lee@outlook.example" }], ["content_mail"]);
    const demand = await aStoredDemand(scope);
    await fx.service.disclose(demand, scope);
    const [pkg] = jsonOf(await getPackage(demand.id, ownerToken)).packages as PackageView[];
    expect(pkg?.keyOption).toBe("customer_held");
    expect(pkg?.wrappedKey).toBeNull();
    expect(pkg?.keyNote).toBe(CUSTOMER_HELD_KEY_NOTE);
    expect((await fetch(pkg!.downloadUrl)).status).toBe(200);
  });

  it("answers 200 with no packages when nothing was found in scope", async () => {
    const scope = aScope([{ type: "email", value: "nobody@outlook.example" }], ["billing"]);
    const demand = await aStoredDemand(scope);
    await fx.service.disclose(demand, scope);
    const body = jsonOf(await getPackage(demand.id, ownerToken));
    expect(body.packages).toEqual([]);
    expect(body.note).toMatch(/No data/);
  });
});
