import { randomUUID } from "node:crypto";
import type { ClosedDemandFacts } from "../../../shared/transparency/closed-demand-facts";
import type { TransparencyStore } from "../../../shared/ports/transparency-store";

/** Facts of a closed consumer demand from the US in 2026-H1, disclosed non-content, one account. */
export function someFacts(overrides: Partial<ClosedDemandFacts> = {}): ClosedDemandFacts {
  return {
    demandId: randomUUID(),
    period: "2026-H1",
    country: "US",
    requesterKind: "law_enforcement",
    nationalSecurity: false,
    outcome: "disclosed_non_content",
    enterprise: false,
    accountsSpecified: 1,
    secrecyOrder: false,
    emergency: false,
    contentOutsideRequesterCountry: false,
    ...overrides,
  };
}

/** The store steps counting goes through, in order. */
export const COUNT_STEPS = ["claimMarker", "incrementOnce", "completeMarker"] as const;
export type CountStep = (typeof COUNT_STEPS)[number];

/** A store that performs `step` once and then throws, as if the process died right after it. */
export function crashingAfter(store: TransparencyStore, step: CountStep): TransparencyStore {
  let crashed = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (property === step && !crashed) {
          crashed = true;
          throw new Error(`simulated crash after ${step}`);
        }
        return result;
      };
    },
  });
}
