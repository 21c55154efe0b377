import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { openIntakeStack, vetAnAgency } from "../../support/intake-stack";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, aTenant, anAccount } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";

// The directory knows an enterprise customer's IPv6 address in its canonical (RFC 5952) form. An IPv6 address is the
// same address however it is written: hex digits in either case, "::" or the zero groups spelled out. A demand that
// names it in another valid notation must reach the same customer (R4: redirect first; R5: notice), not be read as
// "no account matches".
let deps: SubmitDemandHandlerDeps;
let credential = "";

beforeAll(async () => {
  const stack = await openIntakeStack();
  const enterprise = aTenant({ name: "Fabrikam Ltd", kind: "organisation", seats: 500, commercialService: true, adminContacts: [{ name: "Admin", email: "admin@fabrikam.example" }] });
  await stack.directory.upsertTenant(enterprise);
  await stack.directory.upsertAccount(anAccount({ tenantId: enterprise.id, identifierType: "ip", identifierValue: "2001:db8::5" }));
  deps = stack.deps;
  ({ credential } = await vetAnAgency(stack.requesters));
});

async function submitFor(ip: string) {
  const body = aSubmission({ targets: [{ type: "ip", value: ip }], categories: ["subscriber_info", "ip_history"] });
  const response = await makeSubmitDemandHandler(async () => deps)(
    aJsonPost(body, { authorization: `Bearer ${credential}`, "idempotency-key": `ip-${randomUUID()}` }),
    aContext(),
  );
  expect(response.status).toBe(202);
  return jsonOf(response);
}

describe("an IPv6 target written in another valid notation reaches the same enterprise customer", () => {
  it("the canonical form is redirected to the enterprise customer (control)", async () => {
    const view = await submitFor("2001:db8::5");
    expect(view.status).toBe("received");
    expect(view.redirect).toBe(true);
  });

  it.each(["2001:DB8::5", "2001:db8:0:0:0:0:0:5", "2001:0db8:0000:0000:0000:0000:0000:0005"])("%s is redirected the same way", async (ip) => {
    const view = await submitFor(ip);
    expect(view.status).toBe("received");
    expect(view.redirect).toBe(true);
  });
});
