import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { openIntakeStack, vetAnAgency } from "../../support/intake-stack";
import { makeGetDemandHandler } from "../../../functions/handlers/get-demand-handler";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission } from "../../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";

// RFC 9110 §11.1: the authentication scheme is a case-insensitive token, and one or more spaces may follow it. The
// OpenAPI document itself declares the scheme as "bearer" (lower case), and OAuth token responses commonly carry
// token_type "bearer", which clients copy into the header. A valid credential must be accepted however the scheme is
// spelled; the credential itself stays exact.
let deps: SubmitDemandHandlerDeps;
let credential = "";
let demandId = "";

beforeAll(async () => {
  const stack = await openIntakeStack();
  deps = stack.deps;
  ({ credential } = await vetAnAgency(stack.requesters));
  const created = await makeSubmitDemandHandler(async () => deps)(
    aJsonPost(aSubmission(), { authorization: `Bearer ${credential}`, "idempotency-key": `scheme-${randomUUID()}` }),
    aContext(),
  );
  demandId = String(jsonOf(created).id);
});

describe("the Authorization scheme is case-insensitive", () => {
  it.each([
    ["bearer", (c: string) => `bearer ${c}`],
    ["BEARER", (c: string) => `BEARER ${c}`],
    ["two spaces", (c: string) => `Bearer  ${c}`],
  ])("%s: the requester reads its demand", async (_label, header) => {
    const response = await makeGetDemandHandler(async () => deps)(aRequest({ headers: { authorization: header(credential) }, params: { id: demandId } }), aContext());
    expect(response.status).toBe(200);
    expect(jsonOf(response).id).toBe(demandId);
  });

  it("the credential itself is still compared exactly", async () => {
    const response = await makeGetDemandHandler(async () => deps)(aRequest({ headers: { authorization: `bearer ${credential.toUpperCase()}` }, params: { id: demandId } }), aContext());
    expect(response.status).toBe(401);
  });
});
