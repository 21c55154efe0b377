import { randomBytes } from "node:crypto";
import { AnonymousCredential, ContainerClient, StorageSharedKeyCredential, type UserDelegationKey } from "@azure/storage-blob";
import { describe, expect, it } from "vitest";
import type { HttpResponseInit } from "@azure/functions";
import { makeCannotRedirectHandler } from "../../../functions/handlers/cannot-redirect-handler";
import { makeGetDemandHandler } from "../../../functions/handlers/get-demand-handler";
import { makeSecrecyOrderHandler } from "../../../functions/handlers/secrecy-order-handler";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { makeWithdrawDemandHandler } from "../../../functions/handlers/withdraw-demand-handler";
import { SharedKeyLinkSigner } from "../../../shared/disclosure/links/shared-key-link-signer";
import { UserDelegationLinkSigner, type DelegationKeySource } from "../../../shared/disclosure/links/user-delegation-link-signer";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aDemandRecord, aSubmission } from "../../support/builders";
import { aContext, aJsonPost, aRequest } from "../../support/http";
import { makeIntakeFixture } from "../intake/intake-fixture";

/**
 * R1: a demand's state (its status, plan, reasons, timeline) and a package's download link are for the requester alone.
 * A shared cache (a proxy at the agency, a browser's disk) must keep none of them: every such answer is no-store, errors
 * included, and Storage is told to answer a package download with no-store too.
 */
const cacheControl = (response: HttpResponseInit) => new Headers(response.headers as Record<string, string>).get("cache-control");

async function world() {
  const fixture = await makeIntakeFixture();
  const bearer = { authorization: `Bearer ${fixture.credential}` };
  const inReview = aDemandRecord({ requesterId: fixture.requesterId, status: "in_review" });
  const redirected = aDemandRecord({ id: "dmd-redirected", requesterId: fixture.requesterId, status: "awaiting_redirect" });
  await fixture.demands.create(inReview);
  await fixture.demands.create(redirected);
  const deps = { ...fixture.deps, maxBodyBytes: 256 * 1024 };
  const post = (body: unknown, id: string) => {
    const request = aJsonPost(body, bearer);
    request.params.id = id;
    return request;
  };
  return { fixture, deps, bearer, inReview, redirected, post };
}

describe("R1: answers carrying a demand's state are never stored by a cache", () => {
  it("R1: submit, status, withdrawal, cannot-redirect and secrecy filing answer no-store", async () => {
    const { deps, bearer, inReview, redirected, post } = await world();
    const answers = {
      submit: await makeSubmitDemandHandler(async () => deps)(aJsonPost(aSubmission(), { ...bearer, "idempotency-key": "key-nostore-1" }), aContext()),
      status: await makeGetDemandHandler(async () => deps)(aRequest({ headers: bearer, params: { id: inReview.id } }), aContext()),
      secrecy: await makeSecrecyOrderHandler(async () => deps)(
        post(
          {
            action: "add",
            order: { reference: "NDO-1", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2027-05-01" },
            document: { filename: "ndo.pdf", contentBase64: minimalPdf("NDO-1").toString("base64") },
          },
          inReview.id,
        ),
        aContext(),
      ),
      cannotRedirect: await makeCannotRedirectHandler(async () => deps)(post({ reason: "The customer's administrator is the suspect." }, redirected.id), aContext()),
      withdraw: await makeWithdrawDemandHandler(async () => deps)(aRequest({ method: "POST", headers: bearer, params: { id: inReview.id } }), aContext()),
    };
    for (const [route, response] of Object.entries(answers)) {
      expect(response.status, route).toBeLessThan(300);
      expect(cacheControl(response), route).toBe("no-store");
    }
  });

  it("R1: a problem answer (a withdrawal refused, naming the demand's state) is no-store too", async () => {
    const { deps, bearer, fixture } = await world();
    const closed = aDemandRecord({ id: "dmd-closed", requesterId: fixture.requesterId, status: "delivered" });
    await fixture.demands.create(closed);
    const response = await makeWithdrawDemandHandler(async () => deps)(aRequest({ method: "POST", headers: bearer, params: { id: closed.id } }), aContext());
    expect(response.status).toBe(409);
    expect(cacheControl(response)).toBe("no-store");
  });

  it("R1: a package's download link tells Storage to answer no-store (rscc), with either signer", async () => {
    const startsOn = new Date("2026-11-25T09:00:00Z");
    const expiresOn = new Date("2026-11-25T09:15:00Z");
    const credential = new StorageSharedKeyCredential("devstoreaccount1", randomBytes(64).toString("base64"));
    const shared = new URL(await new SharedKeyLinkSigner(new ContainerClient("http://127.0.0.1:10000/devstoreaccount1/packages", credential)).signReadLink("packages/d/p.lrwpkg", startsOn, expiresOn));
    expect(shared.searchParams.get("rscc")).toBe("no-store");
    const keys = {
      getUserDelegationKey: async (start: Date, end: Date) =>
        ({ signedObjectId: "o", signedTenantId: "t", signedStartsOn: start, signedExpiresOn: end, signedService: "b", signedVersion: "2025-01-05", value: randomBytes(32).toString("base64") }) as UserDelegationKey,
    } as unknown as DelegationKeySource;
    const delegated = new URL(
      await new UserDelegationLinkSigner(keys, new ContainerClient("https://lrwpackages.blob.core.windows.net/packages", new AnonymousCredential())).signReadLink("packages/d/p.lrwpkg", startsOn, expiresOn),
    );
    expect(delegated.searchParams.get("rscc")).toBe("no-store");
  });
});
