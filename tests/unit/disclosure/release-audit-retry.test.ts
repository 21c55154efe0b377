import { beforeAll, describe, expect, it } from "vitest";
import type { AuditAppend, AuditEntry } from "../../../shared/audit/audit-entry";
import type { AppendOptions } from "../../../shared/ports/audit-log";
import type { Target } from "../../../shared/domain/demand";
import { aDemandWithScope, aScope, createDisclosureFixture, type DisclosureFixture } from "./disclosure-fixture";
import { MemoryAuditLog, MemoryPackageStore } from "./disclosure-fakes";

const pat: Target = { type: "email", value: "pat@outlook.example" };

/** An audit log whose next append of one step fails (Cosmos throttled, or the process killed just before it). */
class FlakyAuditLog extends MemoryAuditLog {
  failNext: string | null = null;
  override async append(demandId: string, input: AuditAppend, options?: AppendOptions): Promise<AuditEntry> {
    if (input.step === this.failNext) {
      this.failNext = null;
      throw new Error("simulated audit outage");
    }
    return super.append(demandId, input, options);
  }
}

let store: MemoryPackageStore;
let fx: DisclosureFixture;
let audit: FlakyAuditLog;
beforeAll(async () => {
  store = new MemoryPackageStore();
  audit = new FlakyAuditLog();
  fx = await createDisclosureFixture(store, { audit });
});

describe("a disclosure whose release audit entry fails after the delivery record was written (retried by the durable engine)", () => {
  it("keeps the released packages, and the retry audits the release once (R1, R12)", async () => {
    const scope = aScope([pat], ["subscriber_info", "content_mail"], { from: "2025-01-01", to: "2026-06-30" });
    const demand = aDemandWithScope(fx.requester.id, scope);
    audit.failNext = "package_released";
    const first = await fx.service.disclose(demand, scope).then(
      (result) => result,
      () => null,
    );
    // The activity's retry.
    const retried = await fx.service.disclose(demand, scope);
    if (first !== null) expect(retried).toEqual(first);
    const record = store.records.get(demand.id);
    expect(record?.packages.length).toBeGreaterThan(0);
    // What the delivery record releases to the requester is still there to download.
    for (const pkg of record!.packages) expect(store.committed.has(pkg.blobName)).toBe(true);
    const steps = audit.steps(demand.id);
    expect(steps.filter((s) => s === "package_released")).toHaveLength(1);
    expect(steps).not.toContain("disclosure_failed");
  });
});

/** A store whose write of the delivery record lands but whose answer is lost (a timeout after storage accepted it). */
class LostAnswerStore extends MemoryPackageStore {
  loseNextAnswer = false;
  override async putIfAbsent(record: Parameters<MemoryPackageStore["putIfAbsent"]>[0]): Promise<boolean> {
    const written = await super.putIfAbsent(record);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error("simulated timeout after the write landed");
    }
    return written;
  }
}

describe("a disclosure whose delivery record was written but the write's answer was lost", () => {
  it("R1: never discards the packages the written record releases to the requester", async () => {
    const lost = new LostAnswerStore();
    const lostFx = await createDisclosureFixture(lost);
    const scope = aScope([pat], ["subscriber_info", "content_mail"], { from: "2025-01-01", to: "2026-06-30" });
    const demand = aDemandWithScope(lostFx.requester.id, scope);
    lost.loseNextAnswer = true;
    await lostFx.service.disclose(demand, scope).catch(() => null);
    // The activity's retry finds the record and answers it as released.
    await lostFx.service.disclose(demand, scope);
    const record = lost.records.get(demand.id);
    expect(record?.packages.length).toBeGreaterThan(0);
    for (const pkg of record!.packages) expect(lost.committed.has(pkg.blobName), pkg.blobName).toBe(true);
  });
});
