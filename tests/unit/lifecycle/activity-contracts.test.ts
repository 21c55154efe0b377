import { describe, expect, it } from "vitest";
import { contracted } from "../../../activities/contracted";
import { makeApplyEffectsHandler, type EffectHandlers } from "../../../activities/handlers/apply-effects";

describe("activity contracts (one map for the orchestrator, the registrations, the handlers and the fakes)", () => {
  it("refuses an input that drifted from the contract before the handler runs", async () => {
    let ran = false;
    const handler = contracted("disclose", async () => {
      ran = true;
      return { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false };
    });
    await expect(handler({ demandId: "dmd-1", effectKey: "k" })).rejects.toThrow(/scope/);
    expect(ran).toBe(false);
  });

  it("refuses an output that drifted from the contract (e.g. a count where a result object is promised)", async () => {
    const handler = contracted("disclose", async () => ({ sent: 1 }) as never);
    const input = { demandId: "dmd-1", effectKey: "k", scope: { categories: [], targets: [], dateRange: { from: "2026-01-01", to: "2026-01-02" } } };
    await expect(handler(input)).rejects.toThrow();
  });

  it("applyEffects runs one decision's effects in order, each through its own handler", async () => {
    const seen: string[] = [];
    const record = (type: string) => async () => void seen.push(type);
    const handlers = Object.fromEntries(
      ["record", "notify_requester", "request_review", "send_customer_notice", "disclose", "conclude", "close", "schedule_wake", "alert_operator"].map((t) => [t, record(t)]),
    ) as unknown as EffectHandlers;
    const apply = contracted("applyEffects", makeApplyEffectsHandler(async () => handlers));
    await apply({
      demandId: "dmd-1",
      at: "2026-11-21T12:00:00.000Z",
      effects: [
        { type: "record", stepId: "dmd-1:step:1", step: "approved" },
        { type: "conclude", key: "dmd-1:outcome", outcome: "rejected" },
        { type: "close", key: "dmd-1:close", outcome: "rejected" },
        { type: "schedule_wake", at: null },
      ],
    });
    expect(seen).toEqual(["record", "conclude", "close", "schedule_wake"]);
    await expect(apply({ demandId: "dmd-1", at: "2026-11-21T12:00:00.000Z", effects: [{ type: "launch_missiles" }] })).rejects.toThrow();
  });
});
