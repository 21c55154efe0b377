import type { ClosedDemandFacts } from "../../../shared/transparency/closed-demand-facts";
import { someFacts } from "./transparency-fixtures";

type Spec = Partial<ClosedDemandFacts>;

function many(count: number, spec: Spec | ((i: number) => Spec)): ClosedDemandFacts[] {
  return Array.from({ length: count }, (_, i) => someFacts(typeof spec === "function" ? spec(i) : spec));
}

/**
 * The hand-built half-year 2026-H1 the report tests check column by column (see report.test.ts for the sums):
 *  US: rejected 12 (2 accounts each, 1 enterprise), withdrawn 10, no data 11 (3 emergency), redirected 10
 *      (enterprise), non-content 20 (secrecy order), content 15 (5 enterprise, 4 stored outside the US),
 *      challenged 2 (civil litigants); national security 620.
 *  DE: rejected 10, non-content 10 (enterprise), content 10 (stored outside DE); national security 3.
 *  FR: rejected 3, content 1 (5 accounts, secrecy order).
 *  Plus a US demand of 2026-H2 that must not be counted in 2026-H1.
 */
export function seededFacts(): ClosedDemandFacts[] {
  const us: Spec = { country: "US" };
  const de: Spec = { country: "DE" };
  const fr: Spec = { country: "FR" };
  return [
    ...many(12, (i) => ({ ...us, outcome: "rejected", accountsSpecified: 2, enterprise: i === 0 })),
    ...many(10, { ...us, outcome: "withdrawn" }),
    ...many(11, (i) => ({ ...us, outcome: "no_data", emergency: i < 3 })),
    ...many(10, { ...us, outcome: "redirected", enterprise: true }),
    ...many(20, { ...us, outcome: "disclosed_non_content", secrecyOrder: true, requesterKind: "other_government" }),
    ...many(15, (i) => ({ ...us, outcome: "disclosed_content", enterprise: i < 5, contentOutsideRequesterCountry: i >= 11 })),
    ...many(2, { ...us, outcome: "challenged", requesterKind: "civil_litigant" }),
    ...many(620, (i) => ({ ...us, nationalSecurity: true, outcome: i % 2 === 0 ? "disclosed_content" : "rejected" })),
    ...many(10, { ...de, outcome: "rejected" }),
    ...many(10, { ...de, outcome: "disclosed_non_content", enterprise: true }),
    ...many(10, { ...de, outcome: "disclosed_content", contentOutsideRequesterCountry: true }),
    ...many(3, { ...de, nationalSecurity: true }),
    ...many(3, { ...fr, outcome: "rejected" }),
    ...many(1, { ...fr, outcome: "disclosed_content", accountsSpecified: 5, secrecyOrder: true }),
    ...many(1, { ...us, period: "2026-H2", outcome: "rejected" }),
  ];
}
