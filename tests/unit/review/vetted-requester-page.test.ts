import { describe, expect, it } from "vitest";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandBody } from "../../support/builders";
import { aContext } from "../../support/http";
import { aPageGet, aReviewedDemand, aReviewWorld } from "./review-fixture";

/**
 * R5/R8: the review page's demand section names the requester the provider vetted (recorded at intake), not the agency
 * the demand's body types; a typed name that differs is shown apart, as the demand's own words, and flagged. The
 * context section's registry entry agrees with it, and says so when the registry has renamed the requester since.
 */

const TYPED = "Federal Bureau of Investigation";

async function pageOf(record: DemandRecord, registryName = "Contoso County Sheriff"): Promise<string> {
  const world = await aReviewWorld(record);
  const requester = world.deps.requesters.items.get(record.requesterId)!;
  world.deps.requesters.items.set(record.requesterId, { ...requester, name: registryName });
  const { cookie } = await world.sessionFor("ana@compliance.example");
  const response = await makeReviewPageHandler(world.resolve)(aPageGet(record.id, cookie), aContext());
  expect(response.status).toBe(200);
  return String(response.body);
}

function demandTyping(agency: string, vetted?: DemandRecord["vettedRequester"]): DemandRecord {
  const body = aDemandBody();
  return aReviewedDemand({ body: { ...body, requester: { ...body.requester, agency } }, ...(vetted === undefined ? {} : { vettedRequester: vetted }) });
}

function demandSection(page: string): string {
  return page.slice(page.indexOf('<h2 id="demand">'), page.indexOf('<h2 id="plan">'));
}

describe("R5/R8: the review page names the vetted requester", () => {
  it("shows the sheriff as the requesting agency and the typed agency only as named in the demand", async () => {
    const page = await pageOf(demandTyping(TYPED, { name: "Contoso County Sheriff", country: "US" }));
    const demand = demandSection(page);
    expect(demand).toContain("<dt>Requesting agency</dt><dd>Contoso County Sheriff (US)</dd>");
    expect(demand).toMatch(/<dt>Agency as named in the demand<\/dt><dd class="flag">Federal Bureau of Investigation \(US\)/);
    expect(demand.match(new RegExp(TYPED, "g"))).toHaveLength(1);
    expect(page).toContain("Contoso County Sheriff (US): vetting status <strong>active</strong>");
    expect(page).not.toContain("when the demand was received");
  });

  it("does not show the typed agency when it matches but for case and spacing", async () => {
    const page = await pageOf(demandTyping(" CONTOSO county sheriff ", { name: "Contoso County Sheriff", country: "US" }));
    expect(demandSection(page)).toContain("<dt>Requesting agency</dt><dd>Contoso County Sheriff (US)</dd>");
    expect(page).not.toContain("as named in the demand");
  });

  it("tells the reviewer when the registry has renamed the requester since intake", async () => {
    const page = await pageOf(demandTyping(TYPED, { name: "Contoso County Sheriff", country: "US" }), "Contoso County Sheriff's Office");
    expect(demandSection(page)).toContain("<dt>Requesting agency</dt><dd>Contoso County Sheriff (US)</dd>");
    expect(page).toMatch(/Contoso County Sheriff(&#39;|&#x27;|')s Office \(US\): vetting status <strong>active<\/strong>/);
    expect(page).toContain("vetted as Contoso County Sheriff (US) when the demand was received");
  });

  it("keeps today's demand section for a demand recorded before the vetted requester was kept", async () => {
    const page = await pageOf(demandTyping(TYPED));
    expect(demandSection(page)).toContain(`<dt>Requesting agency</dt><dd>${TYPED} (US)</dd>`);
    expect(page).not.toContain("as named in the demand");
  });
});
