import { describe, expect, it } from "vitest";
import type { LegalProcessKind, RejectionReason } from "../../../shared/domain/enums";
import type { ClassifiedTarget } from "../../../shared/domain/tenant";
import { isReimbursementAllowed } from "../../../shared/domain/policy";
import type { Scenario } from "./demand-builder";
import { evaluate, makeEmergency, planOf, reasonsOf, scenario, setRequesterKind, setTargets } from "./demand-builder";

const alex = { type: "email" as const, value: "alex@example.com" };
const sam = { type: "email" as const, value: "sam@contoso-customer.com" };

const asPreservation = (s: Scenario) => {
  s.body.legalProcess.kind = "preservation_request";
  s.body.legalProcess.signature!.role = "law_enforcement_officer";
};
const withTargets = (overrides: Partial<ClassifiedTarget>[]) => (s: Scenario) =>
  setTargets(s, [alex, sam].slice(0, overrides.length), overrides);

describe("R4 redirect to the enterprise customer first", () => {
  it.each<[string, (s: Scenario) => void, boolean]>([
    ["consumer account", () => {}, false],
    ["enterprise account", withTargets([{ enterprise: true }]), true],
    ["consumer and enterprise accounts", withTargets([{}, { enterprise: true }]), true],
    ["enterprise target not found", withTargets([{ found: false, enterprise: true }]), false],
    ["nothing found", withTargets([{ found: false }]), false],
    ["emergency for an enterprise account", (s) => { makeEmergency(s); withTargets([{ enterprise: true }])(s); }, false],
    ["preservation for an enterprise account", (s) => { asPreservation(s); withTargets([{ enterprise: true }])(s); }, false],
    // R4/R5 (c): the commitment to redirect does not apply where the data is de-linked from any customer.
    ["enterprise account on a de-linked service", withTargets([{ enterprise: true, delinked: true }]), false],
    ["consumer account and a de-linked enterprise account", withTargets([{}, { enterprise: true, delinked: true }]), false],
    ["de-linked and linked enterprise accounts", withTargets([{ enterprise: true, delinked: true }, { enterprise: true }]), true],
  ])("R4: %s → redirect %s", (_name, mutate, redirect) => {
    expect(planOf(evaluate(scenario(mutate))).redirect).toBe(redirect);
  });

  it.each<[string, (s: Scenario) => void, number[] | undefined]>([
    ["consumer and enterprise accounts", withTargets([{}, { enterprise: true }]), [0]],
    ["de-linked and linked enterprise accounts", withTargets([{ enterprise: true, delinked: true }, { enterprise: true }]), [0]],
    ["an unknown identifier and an enterprise account (reviewed like any other: the redirect reveals no account's existence)", withTargets([{ found: false }, { enterprise: true }]), [0]],
    ["enterprise accounts only", withTargets([{ enterprise: true }, { enterprise: true }]), undefined],
    ["consumer account only", () => {}, undefined],
  ])("R4: consumer accounts are not redirected: %s → reviewed at once %j", (_name, mutate, direct) => {
    expect(planOf(evaluate(scenario(mutate))).directTargets).toEqual(direct);
  });
});

describe("R8 reviewers required", () => {
  it.each<[string, (s: Scenario) => void, 1 | 2]>([
    ["warrant for content", () => {}, 2],
    ["warrant for non-content only", (s) => (s.body.categories = ["subscriber_info", "ip_history", "billing"]), 1],
    ["subpoena for content and non-content (content refused)", (s) => {
      s.body.legalProcess.kind = "subpoena";
      s.body.legalProcess.signature!.role = "prosecutor";
    }, 1],
    ["emergency for content", makeEmergency, 2],
    ["preservation of content", asPreservation, 1],
  ])("%s → %i", (_name, mutate, reviewers) => {
    expect(planOf(evaluate(scenario(mutate))).reviewersRequired).toBe(reviewers);
  });
});

describe("R10 emergency requests", () => {
  it("plans a valid emergency for a short review, without redirect or reimbursement", () => {
    const plan = planOf(evaluate(scenario(makeEmergency)));
    expect(plan.emergency).toEqual({ reviewDeadlineMinutes: 60 });
    expect(plan.reimbursementAllowed).toBe(false);
    expect(plan.redirect).toBe(false);
  });

  it("takes the emergency review deadline from the configured limits (the one value the lifecycle uses too)", () => {
    const s = scenario(makeEmergency);
    s.ctx.limits.emergencyReviewMinutes = 15;
    expect(planOf(evaluate(s)).emergency).toEqual({ reviewDeadlineMinutes: 15 });
  });

  it("has no emergency deadline for ordinary process", () => {
    expect(planOf(evaluate(scenario())).emergency).toBeNull();
  });

  const emergencyWith = (change: (s: Scenario) => void) => (s: Scenario) => {
    makeEmergency(s);
    change(s);
  };
  it.each<[string, (s: Scenario) => void, RejectionReason[]]>([
    ["from other government", emergencyWith((s) => setRequesterKind(s, "other_government")), ["exceeds_authority"]],
    ["from a civil litigant", emergencyWith((s) => setRequesterKind(s, "civil_litigant")), ["exceeds_authority"]],
    ["not on official letterhead", emergencyWith((s) => (s.body.emergency!.onOfficialLetterhead = false)), ["unsigned_or_unauthorised"]],
    ["unsigned", emergencyWith((s) => (s.body.legalProcess.signature = undefined)), ["unsigned_or_unauthorised"]],
    ["signed by an attorney", emergencyWith((s) => (s.body.legalProcess.signature!.role = "attorney")), ["unsigned_or_unauthorised"]],
    ["signed by a government official who is not a law-enforcement authority", emergencyWith((s) => (s.body.legalProcess.signature!.role = "government_official")), ["unsigned_or_unauthorised"]],
    ["without emergency details", emergencyWith((s) => (s.body.emergency = undefined)), ["facially_invalid"]],
    ["with a placeholder summary", emergencyWith((s) => (s.body.emergency!.summary = "N/A")), ["facially_invalid"]],
    ["with a placeholder for how the data helps", emergencyWith((s) => (s.body.emergency!.howDataHelps = "unknown")), ["facially_invalid"]],
    ["over a range wider than 30 days", emergencyWith((s) => (s.body.dateRange = { from: "2025-01-01", to: "2025-06-15" })), ["overly_broad"]],
  ])("rejects an emergency %s", (_name, mutate, reasons) => {
    expect(reasonsOf(evaluate(scenario(mutate)))).toEqual(reasons);
  });

  it.each<[LegalProcessKind, string]>([
    ["emergency_request", "prosecutor"],
    ["emergency_request", "law_enforcement_officer"],
  ])("accepts %s signed by a %s", (_kind, role) => {
    const s = scenario(emergencyWith((x) => (x.body.legalProcess.signature!.role = role as "prosecutor")));
    expect(evaluate(s).decision).toBe("proceed");
  });
});

describe("R13 reimbursement", () => {
  const withKind = (kind: LegalProcessKind, role: "judge" | "prosecutor" | "government_official" = "judge") => (s: Scenario) => {
    s.body.legalProcess.kind = kind;
    s.body.legalProcess.signature!.role = role;
    s.body.categories = ["subscriber_info"];
  };
  it.each<[string, (s: Scenario) => void, boolean]>([
    ["search warrant", () => {}, true],
    ["court order", withKind("court_order"), true],
    ["subpoena", withKind("subpoena", "prosecutor"), true],
    ["MLAT request", withKind("mlat_request", "prosecutor"), true],
    ["national-security process", withKind("national_security", "government_official"), true],
    ["civil subpoena", (s) => { setRequesterKind(s, "civil_litigant"); withKind("subpoena", "judge")(s); }, true],
    ["child-exploitation investigation", (s) => (s.body.childExploitationInvestigation = true), false],
    ["emergency", makeEmergency, false],
    ["preservation only", asPreservation, false],
  ])("%s → %s", (_name, mutate, allowed) => {
    expect(planOf(evaluate(scenario(mutate))).reimbursementAllowed).toBe(allowed);
  });

  it.each<[LegalProcessKind, boolean, boolean]>([
    ["account_owner_consent", false, false],
    ["search_warrant", true, false],
    ["subpoena", false, true],
    ["preservation_request", false, false],
    ["emergency_request", false, false],
  ])("isReimbursementAllowed(%s, child exploitation %s) → %s", (kind, childExploitation, allowed) => {
    expect(isReimbursementAllowed(kind, childExploitation)).toBe(allowed);
  });

  it("never reaches a plan for consent alone", () => {
    const s = scenario((x) => {
      x.body.legalProcess.kind = "account_owner_consent";
      x.body.legalProcess.signature!.role = "account_owner";
      x.body.consent = { accountIdentifier: "alex@example.com", grantedOn: "2025-06-01", categories: ["subscriber_info"], documentSha256: "e".repeat(64) };
    });
    expect(reasonsOf(evaluate(s))).toEqual(["data_type_not_supported"]);
  });
});

// When the customer is told is the lifecycle's to read from the live orders (tests/unit/review/demand-summary.test.ts,
// the decider invariants); the plan says only whether anyone is, and a secrecy order filed with the demand changes that not.
describe("R5 notice plan: whether anyone is told", () => {
  const secrecy = (expiresOn?: string) => (s: Scenario) => {
    s.body.secrecyOrder = { reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2025-06-01", ...(expiresOn ? { expiresOn } : {}) };
  };
  it.each<[string, (s: Scenario) => void, unknown]>([
    ["no secrecy order", () => {}, { kind: "notify" }],
    ["secrecy order with an end date", secrecy("2025-12-31"), { kind: "notify" }],
    ["secrecy order without an end date", secrecy(), { kind: "notify" }],
    ["every found target de-linked", withTargets([{ delinked: true }, { delinked: true }]), { kind: "none", reason: "delinked" }],
    ["de-linked and not de-linked targets", withTargets([{ delinked: true }, { delinked: false }]), { kind: "notify" }],
    ["de-linked target plus a not-found one", withTargets([{ delinked: true }, { found: false }]), { kind: "none", reason: "delinked" }],
    ["nothing found", withTargets([{ found: false, delinked: true }]), { kind: "notify" }],
    ["de-linked under a secrecy order", (s) => { secrecy("2025-12-31")(s); withTargets([{ delinked: true }])(s); }, { kind: "none", reason: "delinked" }],
  ])("%s → %j", (_name, mutate, notice) => {
    expect(planOf(evaluate(scenario(mutate))).notice).toEqual(notice);
  });
});

describe("content stored abroad: MLAT only unless an agreement covers the pair, flagged where local privacy law conflicts (R2, R3)", () => {
  const inCountry = (...countries: string[]) => (s: Scenario) =>
    setTargets(s, [alex, sam].slice(0, countries.length), countries.map((dataCountry) => ({ dataCountry })));
  const agreement = (requesterCountry: string, dataRegion: string) => (s: Scenario) => {
    s.ctx.agreements = [...s.ctx.agreements, { requesterCountry, dataRegion }];
  };
  const all = (...changes: ((s: Scenario) => void)[]) => (s: Scenario) => changes.forEach((change) => change(s));
  const requesterFrom = (country: string, jurisdiction: string) => (s: Scenario) => {
    s.body.requester.country = country;
    s.body.requester.jurisdiction = jurisdiction;
    s.body.legalProcess.issuingCountry = country;
    s.ctx.requester.country = country;
    s.ctx.requester.jurisdictions = [jurisdiction];
  };
  const german = requesterFrom("DE", "DE-BY");
  const british = requesterFrom("GB", "GB-ENG");
  const viaMlat = (s: Scenario) => {
    s.body.legalProcess.kind = "mlat_request";
    s.body.legalProcess.issuingCountry = "FR";
  };

  type Expected = "proceed" | { mlat: string[] } | { challenge: string[] };
  it.each<[string, (s: Scenario) => void, Expected]>([
    // No agreement (the default): a direct order for content stored abroad exceeds the authority, any pair.
    ["US authority, content in DE, no agreement", inCountry("DE"), { mlat: ["DE"] }],
    ["US authority, content in Norway (EEA)", inCountry("NO"), { mlat: ["NO"] }],
    ["US authority, content in Japan", inCountry("JP"), { mlat: ["JP"] }],
    ["US authority, content in IE and DE: both listed, sorted", inCountry("IE", "DE"), { mlat: ["DE", "IE"] }],
    ["German authority, content in FR, no agreement", all(german, inCountry("FR")), { mlat: ["FR"] }],
    ["German authority, content in the US", all(german, inCountry("US")), { mlat: ["US"] }],
    ["British authority, content in the US, no agreement", all(british, inCountry("US")), { mlat: ["US"] }],
    ["an agreement for another data country only", all(inCountry("DE"), agreement("US", "FR")), { mlat: ["DE"] }],
    ["an agreement for another requester country only", all(inCountry("DE"), agreement("GB", "EU_EEA")), { mlat: ["DE"] }],
    ["an agreement covering one of two countries", all(inCountry("IE", "DE"), agreement("US", "IE")), { mlat: ["DE"] }],
    ["an agreement the other way round does not cover", all(british, inCountry("US"), agreement("US", "GB")), { mlat: ["US"] }],
    // Domestic, or not a direct foreign order, or nothing disclosed that the rule is about.
    ["US authority, content in the US", inCountry("US"), "proceed"],
    ["non-content only, stored abroad", all(inCountry("DE"), (s) => (s.body.categories = ["subscriber_info", "ip_history"])), "proceed"],
    ["a target not found", (s) => setTargets(s, [alex], [{ found: false, dataCountry: "DE" }]), "proceed"],
    ["preservation of content stored abroad", all(inCountry("DE"), asPreservation), "proceed"],
    ["an MLAT request executed here for content in DE", all(inCountry("DE"), viaMlat), "proceed"],
    // An agreement allows the direct order; the storage country's privacy law may still conflict.
    ["British authority, content in the US, CLOUD Act agreement", all(british, inCountry("US"), agreement("GB", "US")), "proceed"],
    ["US authority, content in GB, CLOUD Act agreement", all(inCountry("GB"), agreement("US", "GB")), "proceed"],
    ["German authority, content in FR, e-Evidence (EU_EEA:EU_EEA)", all(german, inCountry("FR"), agreement("EU_EEA", "EU_EEA")), "proceed"],
    ["US authority, content in DE, US–EU/EEA agreement: GDPR conflicts", all(inCountry("DE"), agreement("US", "EU_EEA")), { challenge: ["DE"] }],
    ["US authority, content in DE, US–DE agreement: GDPR conflicts", all(inCountry("DE"), agreement("US", "DE")), { challenge: ["DE"] }],
    ["US authority, content in DE and GB, both agreed: only DE conflicts", all(inCountry("DE", "GB"), agreement("US", "DE"), agreement("US", "GB")), { challenge: ["DE"] }],
    ["e-Evidence does not cover a non-EU authority", all(inCountry("DE"), agreement("EU_EEA", "EU_EEA")), { mlat: ["DE"] }],
  ])("%s → %j", (_name, mutate, expected) => {
    const decision = evaluate(scenario(mutate));
    if (expected === "proceed") {
      expect(planOf(decision).conflictOfLaws).toBeNull();
    } else if ("challenge" in expected) {
      expect(planOf(decision).conflictOfLaws).toEqual({ dataCountries: expected.challenge, requesterCountry: "US", explanation: expect.stringContaining("GDPR") });
    } else {
      expect(decision.decision).toBe("reject");
      const findings = decision.decision === "reject" ? decision.findings : [];
      const finding = findings.find((f) => f.reason === "exceeds_authority" && f.explanation.includes("MLAT"));
      expect(finding?.explanation).toContain(expected.mlat.join(", "));
      expect(findings.filter((f) => f.reason !== "exceeds_authority" || !f.explanation.includes("MLAT"))).toEqual([]);
    }
  });
});
