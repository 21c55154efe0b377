import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { localAppSettings } from "../../scripts/local-app-settings";
import { makeGetAuditTrailHandler, makeVerifyAuditHandler } from "../../functions/handlers/audit-trail-handlers";
import { makeCannotRedirectHandler } from "../../functions/handlers/cannot-redirect-handler";
import { makeCustomerObjectionHandler } from "../../functions/handlers/customer-objection-handler";
import { makeGetDemandHandler } from "../../functions/handlers/get-demand-handler";
import { makeGetPackageHandler } from "../../functions/handlers/get-package-handler";
import { makeGetRequesterHandler, makeRequesterActionHandler, makeVetRequesterHandler } from "../../functions/handlers/manage-requester-handlers";
import { makeReviewDecisionHandler } from "../../functions/handlers/review-decision-handler";
import { makeReviewPageHandler } from "../../functions/handlers/review-page-handler";
import { makeSecrecyOrderHandler } from "../../functions/handlers/secrecy-order-handler";
import { makeSubmitDemandHandler } from "../../functions/handlers/submit-demand-handler";
import { makeTransparencyRebuildHandler } from "../../functions/handlers/transparency-rebuild-handler";
import { makeTransparencyReportHandler } from "../../functions/handlers/transparency-report-handler";
import { makeWithdrawDemandHandler } from "../../functions/handlers/withdraw-demand-handler";
import type { DemandBody } from "../../shared/domain/demand";
import { aSubmission, requesterPublicKeyPem, samplePdf } from "../support/builders";
import { RecordingLifecycle } from "../support/fakes";
import { aContext, aJsonPost, aRequest, aVettingPost, jsonOf } from "../support/http";
import { UNSAFE_IDS } from "../support/unsafe-ids";

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Every id-taking and body-taking route, built over the app's real services (Cosmos DB server, Azurite) as the functions build them. */
let routes: Record<string, Handler>;
let credential = "";
let requesterId = "";

beforeAll(async () => {
  Object.assign(
    process.env,
    localAppSettings({
      emulators: { cosmosEndpoint: inject("cosmosEndpoint"), blobConnectionString: inject("blobConnectionString") } as never,
      mail: { smtpPort: 9 },
      port: 7071,
      localDir: mkdtempSync(path.join(tmpdir(), "lrw-fuzz-")),
      staffOidc: { issuer: "http://127.0.0.1:9/oidc", clientId: "fuzz", clientSecret: "fuzz-secret" },
    }),
    { COSMOS_DATABASE: `fuzz-${randomUUID()}` },
  );
  // Imported only now: the composition reads its configuration from the environment when it loads.
  const { getServices } = await import("../../shared/composition/services");
  const services = await getServices();
  const deps = {
    ...services,
    lifecycle: new RecordingLifecycle(),
    signer: services.keys,
    maxBodyBytes: 1024 * 1024,
    publicBaseUrl: "http://localhost:7071",
    providerLegalNames: ["Contoso Cloud Services LLC"],
  };
  const resolve = async () => deps as never;
  routes = {
    submitDemand: makeSubmitDemandHandler(resolve),
    getDemand: makeGetDemandHandler(resolve),
    withdraw: makeWithdrawDemandHandler(resolve),
    cannotRedirect: makeCannotRedirectHandler(resolve),
    getPackage: makeGetPackageHandler(resolve),
    secrecyOrder: makeSecrecyOrderHandler(resolve),
    objection: makeCustomerObjectionHandler(resolve),
    auditTrail: makeGetAuditTrailHandler(resolve),
    verifyAudit: makeVerifyAuditHandler(resolve),
    vetRequester: makeVetRequesterHandler(resolve),
    getRequester: makeGetRequesterHandler(resolve),
    requesterAction: makeRequesterActionHandler(resolve),
    reviewPage: makeReviewPageHandler(resolve),
    reviewDecision: makeReviewDecisionHandler(resolve),
    report: makeTransparencyReportHandler(resolve),
    rebuild: makeTransparencyRebuildHandler(resolve),
  };
  const vetted = jsonOf(
    await routes.vetRequester!(
      aVettingPost({ name: "Fuzz Agency", kind: "law_enforcement", country: "US", jurisdictions: ["US-CA"], contacts: [{ name: "Desk", email: "desk@agency.example" }], deliveryPublicKeyPem: requesterPublicKeyPem }),
      aContext(),
    ),
  ) as { requester: { id: string }; credential: string };
  credential = vetted.credential;
  requesterId = vetted.requester.id;
}, 120_000);

/** A 4xx must be problem+json (the reviewer's pages answer an HTML page instead); nothing may be a 5xx. */
function expectNoServerError(response: HttpResponseInit, what: string, html = false): void {
  const status = response.status ?? 200;
  expect(status, what).toBeLessThan(500);
  const type = (response.headers as Record<string, string> | undefined)?.["content-type"];
  if (status >= 400) expect(type, what).toBe(html ? "text/html; charset=utf-8" : "application/problem+json");
}

const auth = () => ({ authorization: `Bearer ${credential}` });
const pdf = { filename: "order.pdf", contentBase64: samplePdf.toString("base64") };

describe("every route with ids and targets Cosmos DB cannot hold as they are: never a 500", () => {
  it.each(UNSAFE_IDS)("path id %j", async (id) => {
    const calls: [string, Handler | undefined, HttpRequest][] = [
      ["getDemand", routes.getDemand, aRequest({ headers: auth(), params: { id } })],
      ["withdraw", routes.withdraw, aRequest({ method: "POST", headers: auth(), params: { id } })],
      ["cannotRedirect", routes.cannotRedirect, aJsonPost({ reason: "Court order forbids it." }, auth())],
      ["getPackage", routes.getPackage, aRequest({ headers: auth(), params: { id } })],
      ["secrecyOrder", routes.secrecyOrder, aJsonPost({ action: "lift", document: pdf }, auth())],
      ["objection", routes.objection, aJsonPost({ summary: "The customer objects." })],
      ["auditTrail", routes.auditTrail, aRequest({ params: { id } })],
      ["getRequester", routes.getRequester, aRequest({ params: { id } })],
      ["reviewPage", routes.reviewPage, aRequest({ params: { token: id } })],
      ["reviewDecision", routes.reviewDecision, aRequest({ method: "POST", params: { token: id }, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "decision=approve" })],
      ["verifyAudit", routes.verifyAudit, aJsonPost({ demandId: id })],
      ["vetRequester", routes.vetRequester, aVettingPost({ name: id, kind: "law_enforcement", country: "US", jurisdictions: ["US-CA"], contacts: [{ name: id, email: "desk@agency.example" }], deliveryPublicKeyPem: requesterPublicKeyPem })],
      ["report", routes.report, aRequest({ url: `http://localhost:7071/api/reports/transparency?period=${encodeURIComponent(id)}` })],
    ];
    for (const action of ["suspend", "reinstate", "revoke", "rotate-credential", id]) {
      calls.push([`requester ${action}`, routes.requesterAction, aRequest({ method: "POST", params: { id, action } })]);
    }
    for (const [name, handler, request] of calls) {
      if (request.params.id === undefined && request.params.token === undefined) Object.assign(request.params, { id });
      expectNoServerError(await handler!(request, aContext()), `${name} ${JSON.stringify(id)}`, name.startsWith("review"));
    }
    // An existing requester acted on under an id that only looks like it.
    expectNoServerError(await routes.requesterAction!(aRequest({ method: "POST", params: { id: `${requesterId}/x`, action: "suspend" } }), aContext()), "suspend lookalike");
  });

  it.each([
    ["email", "a#b@outlook.example"],
    ["ip", "203.0.113.0/24"],
    ["username", "a/b\\c?d#e"],
    ["account_id", "%zz"],
    ["phone", "+1 555 0100 #2"],
    ["username", "x".repeat(300)],
  ])("a demand targeting %s %j is filed and read back (or refused with a 4xx)", async (type, value) => {
    const body = aSubmission({ targets: [{ type, value }] as DemandBody["targets"] });
    const submitted = await routes.submitDemand!(aJsonPost(body, { ...auth(), "idempotency-key": `fuzz-${randomUUID()}` }), aContext());
    expectNoServerError(submitted, `submit ${type} ${value}`);
    if (submitted.status === 202) {
      const id = String(jsonOf(submitted).id);
      expectNoServerError(await routes.getDemand!(aRequest({ headers: auth(), params: { id } }), aContext()), "get it back");
    }
  });

  // A header can carry only Latin-1, so the non-ASCII id cannot be sent as one.
  it.each(UNSAFE_IDS.filter((key) => /^[\x20-\x7e]*$/.test(key)))("the Idempotency-Key %j", async (key) => {
    const submitted = await routes.submitDemand!(aJsonPost(aSubmission(), { ...auth(), "idempotency-key": key }), aContext());
    expectNoServerError(submitted, `idempotency key ${key}`);
  });
});
