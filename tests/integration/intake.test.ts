import { beforeAll, describe, expect, it } from "vitest";
import { BlobDocumentStore } from "../../shared/adapters/blob/blob-document-store";
import { openIntakeStack, vetAnAgency } from "../support/intake-stack";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../functions/handlers/submit-demand-handler";
import { makeGetDemandHandler } from "../../functions/handlers/get-demand-handler";
import { makeWithdrawDemandHandler } from "../../functions/handlers/withdraw-demand-handler";
import { aSubmission, aTenant, anAccount } from "../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../support/http";
import { RecordingLifecycle } from "../support/fakes";
import { openTestContainer } from "../support/test-stores";
import type { ContainerClient } from "@azure/storage-blob";

let deps: SubmitDemandHandlerDeps;
const lifecycle = new RecordingLifecycle();
let blobs: ContainerClient;
const credentials: string[] = [];

beforeAll(async () => {
  blobs = await openTestContainer("documents");
  const stack = await openIntakeStack({ lifecycle, documents: new BlobDocumentStore(blobs) });
  const tenant = aTenant();
  await stack.directory.upsertTenant(tenant);
  await stack.directory.upsertAccount(anAccount({ tenantId: tenant.id }));
  deps = stack.deps;
  for (const name of ["Agency A", "Agency B"]) credentials.push((await vetAnAgency(stack.requesters, name)).credential);
});

const auth = (i: number) => ({ authorization: `Bearer ${credentials[i]}` });

describe("intake against Cosmos DB and Azurite", () => {
  it("makes exactly one demand, one document and one start of its audit chain from 50 concurrent identical POSTs", async () => {
    const submit = makeSubmitDemandHandler(async () => deps);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => submit(aJsonPost(aSubmission(), { ...auth(0), "idempotency-key": "concurrent-0001" }), aContext())),
    );
    expect(responses.map((r) => r.status)).toEqual(new Array(50).fill(202));
    const ids = new Set(responses.map((r) => jsonOf(r).id));
    expect(ids.size).toBe(1);
    const names: string[] = [];
    for await (const blob of blobs.listBlobsFlat({ prefix: `demands/${[...ids][0] as string}/` })) names.push(blob.name);
    expect(names).toHaveLength(1);
    // The audit chain starts once: receipt, then the verdict.
    expect((await deps.audit.list([...ids][0] as string)).map((e) => e.step)).toEqual(["received", "validated"]);
  });

  it("shows a demand only to the requester that filed it", async () => {
    const submit = makeSubmitDemandHandler(async () => deps);
    const get = makeGetDemandHandler(async () => deps);
    const created = jsonOf(await submit(aJsonPost(aSubmission(), { ...auth(0), "idempotency-key": "isolation-0001" }), aContext()));
    const own = await get(aRequest({ headers: auth(0), params: { id: String(created.id) } }), aContext());
    expect(own.status).toBe(200);
    expect(jsonOf(own).id).toBe(created.id);
    const foreign = await get(aRequest({ headers: auth(1), params: { id: String(created.id) } }), aContext());
    expect(foreign.status).toBe(404);
    expect((foreign.headers as Record<string, string>)["content-type"]).toBe("application/problem+json");
    const withdraw = makeWithdrawDemandHandler(async () => deps);
    expect((await withdraw(aRequest({ method: "POST", headers: auth(1), params: { id: String(created.id) } }), aContext())).status).toBe(404);
    expect((await get(aRequest({ params: { id: String(created.id) } }), aContext())).status).toBe(401);
  });

  it("passes a withdrawal to the lifecycle and refuses to withdraw a rejected one", async () => {
    const submit = makeSubmitDemandHandler(async () => deps);
    const withdraw = makeWithdrawDemandHandler(async () => deps);
    const open = jsonOf(await submit(aJsonPost(aSubmission(), { ...auth(0), "idempotency-key": "withdraw-0001" }), aContext()));
    const first = await withdraw(aRequest({ method: "POST", headers: auth(0), params: { id: String(open.id) } }), aContext());
    expect(first.status).toBe(202);
    expect(lifecycle.events).toContainEqual({ demandId: open.id, name: "RequesterAction", payload: { action: "withdraw" } });
    expect((jsonOf(first).timeline as { step: string }[]).map((t) => t.step)).toContain("withdrawal requested");

    const defective = aSubmission();
    defective.legalProcess.addressedTo = "Fabrikam Search Inc.";
    const rejected = jsonOf(await submit(aJsonPost(defective, { ...auth(0), "idempotency-key": "withdraw-0002" }), aContext()));
    expect(rejected.status).toBe("rejected");
    const refused = await withdraw(aRequest({ method: "POST", headers: auth(0), params: { id: String(rejected.id) } }), aContext());
    expect(refused.status).toBe(409);
  });
});
