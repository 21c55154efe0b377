import { describe, expect, it } from "vitest";
import type { SecrecyOrderRecord } from "../../../shared/domain/demand-record";
import { deriveClosedDemandFacts } from "../../../shared/transparency/closed-demand-facts";
import { aDemandBody, aDemandRecord } from "../../support/builders";

/**
 * R11: "with a secrecy order" counts demands whose customer notice a secrecy order held back. An order that had already
 * ended when it began to bind (at receipt for one filed with the demand, at a reviewer's confirmation for one filed
 * later), or that was lifted before it was confirmed, never held anything back, and is not counted.
 */
const RECEIVED = "2026-08-03T10:00:00.000Z";
const order = (reference: string, expiresOn: string | undefined) => ({ reference, issuingCourt: "Court", issuedOn: "2026-01-05", ...(expiresOn === undefined ? {} : { expiresOn }) });
const later = (reference: string, expiresOn: string | undefined, at: string, extra: Partial<SecrecyOrderRecord> = {}): SecrecyOrderRecord => ({
  order: order(reference, expiresOn),
  documentSha256: "a".repeat(64),
  addedAt: at,
  lifted: false,
  ...extra,
});
const confirmed = (at: string) => ({ ruling: "confirmed" as const, ruledBy: "ana@p.example", confirmedAt: at, confirmedBy: "ana@p.example" });

function counted(withDemand: ReturnType<typeof order> | undefined, filedLater: SecrecyOrderRecord[]): boolean {
  const intake: SecrecyOrderRecord[] = withDemand === undefined ? [] : [{ order: withDemand, addedAt: RECEIVED, lifted: false }];
  const record = aDemandRecord({
    status: "closed",
    outcome: "disclosed_non_content",
    receivedAt: RECEIVED,
    body: aDemandBody(withDemand === undefined ? {} : { secrecyOrder: withDemand }),
    secrecyOrders: [...intake, ...filedLater],
  });
  return deriveClosedDemandFacts(record, []).secrecyOrder;
}

describe("R11: a secrecy order that never bound is not counted", () => {
  it("R11: an order filed with the demand whose last day had ended before the demand was received is not counted", () => {
    expect(counted(order("NDO-OLD", "2026-07-31"), [])).toBe(false);
  });

  it("R11: an order filed later and confirmed, whose last day had ended by the confirmation, is not counted", () => {
    expect(counted(undefined, [later("NDO-OLD", "2026-08-01", "2026-08-04T09:00:00.000Z", confirmed("2026-08-04T10:00:00.000Z"))])).toBe(false);
    // Filed on its last day, confirmed after that day had ended everywhere (12:00 UTC the day after).
    expect(counted(undefined, [later("NDO-EDGE", "2026-08-04", "2026-08-04T20:00:00.000Z", confirmed("2026-08-05T12:00:00.000Z"))])).toBe(false);
  });

  it("R11: an order lifted before a reviewer confirmed it is not counted", () => {
    const filed = later("NDO-L", "2027-01-31", "2026-08-04T09:00:00.000Z", confirmed("2026-08-06T09:00:00.000Z"));
    const lifting = later("NDO-L", "2027-01-31", "2026-08-05T09:00:00.000Z", { lifted: true });
    expect(counted(undefined, [filed, lifting])).toBe(false);
  });

  it("R11: orders that bound are counted: with the demand and in force at receipt, open-ended, or in force when confirmed (even if lifted since)", () => {
    expect(counted(order("NDO-1", "2026-08-03"), [])).toBe(true);
    expect(counted(order("NDO-2", undefined), [])).toBe(true);
    expect(counted(undefined, [later("NDO-3", "2026-08-04", "2026-08-04T09:00:00.000Z", confirmed("2026-08-05T11:59:59.000Z"))])).toBe(true);
    const filed = later("NDO-4", "2027-01-31", "2026-08-04T09:00:00.000Z", confirmed("2026-08-04T10:00:00.000Z"));
    expect(counted(undefined, [filed, later("NDO-4", "2027-01-31", "2026-08-05T09:00:00.000Z", { lifted: true })])).toBe(true);
  });

  it("R11: an order filed later that no reviewer confirmed is not counted (as before)", () => {
    expect(counted(undefined, [later("NDO-5", "2027-01-31", "2026-08-04T09:00:00.000Z")])).toBe(false);
    expect(counted(undefined, [later("NDO-6", "2027-01-31", "2026-08-04T09:00:00.000Z", { ruling: "refused", ruledBy: "ana@p.example" })])).toBe(false);
  });
});
