import { beforeAll, describe, expect, it } from "vitest";
import { vetAnAgency } from "../../support/intake-stack";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosDemandStore } from "../../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../../../shared/adapters/cosmos/cosmos-requester-registry";
import { makeCannotRedirectHandler } from "../../../functions/handlers/cannot-redirect-handler";
import type { RequesterLifecycleDeps } from "../../../functions/handlers/withdraw-demand-handler";
import { aDemandRecord } from "../../support/builders";
import { aContext, aJsonPost } from "../../support/http";
import { RecordingLifecycle } from "../../support/fakes";
import { MemoryAuditLog } from "../../unit/disclosure/disclosure-fakes";
import type { AuditLog } from "../../../shared/ports/audit-log";
import { openTestDatabase } from "../../support/test-stores";

// R4: the requester gives its one legal reason why the enterprise customer cannot be approached; a second answer is
// refused ("A reason was already given", 409). Two answers sent at once (a double click, a client retry racing the
// first) must behave the same: one is recorded and passed to the lifecycle, the other refused, and the reason the
// reviewer reads is the one that was accepted.
let deps: RequesterLifecycleDeps & { audit: AuditLog };
let lifecycle: RecordingLifecycle;
let demands: CosmosDemandStore;
let requesterId = "";
let credential = "";

beforeAll(async () => {
  const database = await openTestDatabase();
  const requesters = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
  demands = new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id));
  lifecycle = new RecordingLifecycle();
  deps = { requesters, demands, lifecycle, audit: new MemoryAuditLog(), now: () => new Date("2026-11-21T12:00:00.000Z") };
  ({ requesterId, credential } = await vetAnAgency(requesters));
});

const REASONS = [
  "The customer's own administrator is a suspect in this investigation (first answer).",
  "Approaching the customer would alert the suspect and risk evidence being destroyed (second answer).",
];

describe("two cannot-redirect answers for the same demand at once", () => {
  it("one is accepted and passed on, the other refused with 409, and the stored reason is the accepted one", async () => {
    const handler = makeCannotRedirectHandler(async () => deps);
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const record = aDemandRecord({ requesterId, status: "awaiting_redirect" });
      expect(await demands.create(record)).toBe(true);
      const answer = (reason: string) => {
        const request = aJsonPost({ reason }, { authorization: `Bearer ${credential}` });
        Object.assign(request.params, { id: record.id });
        return handler(request, aContext());
      };
      const responses = await Promise.all(REASONS.map(answer));

      expect(responses.map((r) => r.status).sort()).toEqual([202, 409]);
      const accepted = REASONS[responses.findIndex((r) => r.status === 202)];
      const raised = lifecycle.events.filter((e) => e.demandId === record.id);
      expect(raised).toEqual([{ demandId: record.id, name: "RequesterAction", payload: { action: "cannot_redirect", reason: accepted, answeredAt: expect.any(String) } }]);
      const stored = (await demands.get(record.id))!.record;
      expect(stored.cannotRedirectReason).toBe(accepted);
      expect(stored.timeline.filter((t) => t.step === "cannot-redirect reason received")).toHaveLength(1);
    }
  });

  it("an answer whose hand-over to the lifecycle failed can be sent again: the retry is passed on, not refused as already given", async () => {
    const handler = makeCannotRedirectHandler(async () => deps);
    const record = aDemandRecord({ requesterId, status: "awaiting_redirect" });
    expect(await demands.create(record)).toBe(true);
    const answer = () => {
      const request = aJsonPost({ reason: REASONS[0] }, { authorization: `Bearer ${credential}` });
      Object.assign(request.params, { id: record.id });
      return handler(request, aContext());
    };
    // The durable client cannot reach the lifecycle for a moment.
    lifecycle.refusing.add(record.id);
    expect((await answer()).status).toBe(500);
    lifecycle.refusing.delete(record.id);

    const retried = await answer();
    expect(retried.status).toBe(202);
    expect(lifecycle.events.filter((e) => e.demandId === record.id)).toEqual([
      { demandId: record.id, name: "RequesterAction", payload: { action: "cannot_redirect", reason: REASONS[0], answeredAt: expect.any(String) } },
    ]);
    // A third send of the same answer changes nothing.
    expect((await answer()).status).toBe(202);
    expect(lifecycle.events.filter((e) => e.demandId === record.id)).toHaveLength(1);
    expect((await demands.get(record.id))!.record.timeline.filter((t) => t.step === "cannot-redirect reason received")).toHaveLength(1);
  });
});
