import { describe, expect, it } from "vitest";
import type { DataCategory, LegalProcessKind, RequesterKind, SignerRole } from "../../../shared/domain/enums";
import type { Scenario } from "./demand-builder";
import { evaluate, makeEmergency, planOf, reasonsOf, scenario, setRequesterKind, setTargets } from "./demand-builder";

type Expected = "allowed" | "preserved" | "refused" | "exceeds_authority" | "unsigned_or_unauthorised";

// The signer each requester kind would normally use for each process; civil litigants' counsel sign what they can.
function signerFor(requester: RequesterKind, process: LegalProcessKind): SignerRole {
  const roles: Record<LegalProcessKind, SignerRole> = {
    subpoena: requester === "civil_litigant" ? "attorney" : "prosecutor",
    court_order: "judge",
    search_warrant: "judge",
    emergency_request: "law_enforcement_officer",
    preservation_request: "law_enforcement_officer",
    account_owner_consent: "account_owner",
    mlat_request: "prosecutor",
    national_security: "government_official",
  };
  return roles[process];
}

function demandFor(requester: RequesterKind, process: LegalProcessKind, category: DataCategory): Scenario {
  return scenario((s) => {
    if (process === "emergency_request") makeEmergency(s);
    setRequesterKind(s, requester);
    s.body.legalProcess.kind = process;
    s.body.legalProcess.signature!.role = signerFor(requester, process);
    s.body.categories = [category];
    if (process === "account_owner_consent") {
      s.body.consent = { accountIdentifier: "alex@example.com", grantedOn: "2025-06-01", categories: [category], documentSha256: "b".repeat(64) };
    }
  });
}

function outcomeOf(s: Scenario, category: DataCategory): Expected {
  const decision = evaluate(s);
  if (decision.decision === "proceed") {
    expect(decision.plan.allowedCategories).toEqual([category]);
    return decision.plan.preserveOnly ? "preserved" : "allowed";
  }
  const reasons = reasonsOf(decision);
  if (reasons.length === 1 && reasons[0] === "data_type_not_supported") {
    expect(decision.findings).toEqual([expect.objectContaining({ reason: "data_type_not_supported", category })]);
    return "refused";
  }
  expect(reasons).toHaveLength(1);
  return reasons[0] as Expected;
}

// [requester, process, non-content expectation, content expectation]
const MATRIX: [RequesterKind, LegalProcessKind, Expected, Expected][] = [
  ["law_enforcement", "subpoena", "allowed", "refused"],
  ["law_enforcement", "court_order", "allowed", "refused"],
  ["law_enforcement", "search_warrant", "allowed", "allowed"],
  ["law_enforcement", "mlat_request", "allowed", "allowed"],
  ["law_enforcement", "national_security", "allowed", "refused"],
  ["law_enforcement", "emergency_request", "allowed", "allowed"],
  ["law_enforcement", "preservation_request", "preserved", "preserved"],
  ["law_enforcement", "account_owner_consent", "refused", "refused"],
  ["other_government", "subpoena", "allowed", "refused"],
  ["other_government", "court_order", "allowed", "refused"],
  ["other_government", "search_warrant", "allowed", "allowed"],
  ["other_government", "mlat_request", "allowed", "allowed"],
  ["other_government", "national_security", "allowed", "refused"],
  ["other_government", "emergency_request", "exceeds_authority", "exceeds_authority"],
  ["other_government", "preservation_request", "preserved", "preserved"],
  ["other_government", "account_owner_consent", "refused", "refused"],
  // Civil content without consent is refused; the consent rows are below.
  ["civil_litigant", "subpoena", "allowed", "refused"],
  ["civil_litigant", "court_order", "allowed", "refused"],
  ["civil_litigant", "search_warrant", "exceeds_authority", "exceeds_authority"],
  ["civil_litigant", "mlat_request", "exceeds_authority", "exceeds_authority"],
  ["civil_litigant", "national_security", "exceeds_authority", "exceeds_authority"],
  ["civil_litigant", "emergency_request", "exceeds_authority", "exceeds_authority"],
  ["civil_litigant", "preservation_request", "exceeds_authority", "exceeds_authority"],
  ["civil_litigant", "account_owner_consent", "refused", "refused"],
];

const CASES = MATRIX.flatMap(([requester, process, nonContent, content]) => [
  [requester, process, "subscriber_info", nonContent] as const,
  [requester, process, "ip_history", nonContent] as const,
  [requester, process, "content_mail", content] as const,
]);

describe("R2 minimum legal process per category", () => {
  it.each(CASES)("%s × %s × %s → %s", (requester, process, category, expected) => {
    expect(outcomeOf(demandFor(requester, process, category), category)).toBe(expected);
  });

  it.each([
    ["law_enforcement", "judge", "allowed"],
    ["law_enforcement", "government_official", "refused"],
    ["other_government", "judge", "allowed"],
  ] as const)("national-security process for content from %s signed by a %s → %s", (requester, role, expected) => {
    const s = demandFor(requester, "national_security", "content_files");
    s.body.legalProcess.signature!.role = role;
    expect(outcomeOf(s, "content_files")).toBe(expected);
  });

  it("refuses content under a subpoena but goes on with the non-content categories, saying which and why", () => {
    const s = scenario((x) => {
      x.body.legalProcess.kind = "subpoena";
      x.body.legalProcess.signature!.role = "prosecutor";
      x.body.categories = ["subscriber_info", "content_mail", "billing", "content_messages"];
    });
    const plan = planOf(evaluate(s));
    expect(plan.allowedCategories).toEqual(["subscriber_info", "billing"]);
    expect(plan.refusedCategories.map((f) => [f.reason, f.category])).toEqual([
      ["data_type_not_supported", "content_mail"],
      ["data_type_not_supported", "content_messages"],
    ]);
    expect(plan.refusedCategories[0]?.explanation).toMatch(/^Mail content cannot be disclosed under a subpoena: .*search warrant/);
    expect(plan.reviewersRequired).toBe(1);
  });

  it("counts a category named twice once", () => {
    const s = scenario((x) => (x.body.categories = ["billing", "billing"]));
    expect(planOf(evaluate(s)).allowedCategories).toEqual(["billing"]);
  });

  it("marks a preservation request as preservation only: nothing is disclosed", () => {
    const s = demandFor("law_enforcement", "preservation_request", "content_mail");
    const plan = planOf(evaluate(s));
    expect(plan).toMatchObject({ preserveOnly: true, allowedCategories: ["content_mail"], reviewersRequired: 1, redirect: false });
  });
});

type ConsentRow = [
  name: string,
  consent: { accountIdentifier: string; categories: DataCategory[] } | undefined,
  targets: string[],
  categories: DataCategory[],
  expectedAllowed: DataCategory[] | "reject",
  expectedReasons: string[],
];

const CONSENT_ROWS: ConsentRow[] = [
  ["consent present for the category", { accountIdentifier: "alex@example.com", categories: ["content_mail"] }, ["alex@example.com"], ["content_mail"], ["content_mail"], []],
  ["consent matched ignoring the email's case", { accountIdentifier: "Alex@Example.com", categories: ["content_mail"] }, ["alex@example.com"], ["content_mail"], ["content_mail"], []],
  ["consent absent", undefined, ["alex@example.com"], ["subscriber_info", "content_mail"], ["subscriber_info"], []],
  ["consent absent, content only", undefined, ["alex@example.com"], ["content_mail"], "reject", ["data_type_not_supported"]],
  ["consent for another category", { accountIdentifier: "alex@example.com", categories: ["content_files"] }, ["alex@example.com"], ["subscriber_info", "content_mail"], ["subscriber_info"], []],
  [
    "consent covering one content category of two",
    { accountIdentifier: "alex@example.com", categories: ["content_files"] },
    ["alex@example.com"],
    ["content_files", "content_mail"],
    ["content_files"],
    [],
  ],
  [
    "consent from an account not among the targets",
    { accountIdentifier: "sam@example.com", categories: ["content_mail"] },
    ["alex@example.com"],
    ["subscriber_info", "content_mail"],
    "reject",
    ["data_type_not_supported", "material_mistakes"],
  ],
  [
    "consent from one of two targeted accounts",
    { accountIdentifier: "alex@example.com", categories: ["content_mail"] },
    ["alex@example.com", "sam@example.com"],
    ["subscriber_info", "content_mail"],
    ["subscriber_info"],
    [],
  ],
];

describe("R2 civil litigants: content needs the account owner's consent", () => {
  it.each(CONSENT_ROWS)("%s", (_name, consent, targets, categories, expectedAllowed, expectedReasons) => {
    const s = scenario((x) => {
      setRequesterKind(x, "civil_litigant");
      x.body.legalProcess.kind = "subpoena";
      x.body.legalProcess.signature!.role = "attorney";
      x.body.categories = categories;
      setTargets(x, targets.map((value) => ({ type: "email", value })));
      x.body.consent = consent && { ...consent, grantedOn: "2025-06-01", documentSha256: "c".repeat(64) };
    });
    const decision = evaluate(s);
    expect(reasonsOf(decision)).toEqual(expectedReasons);
    if (expectedAllowed !== "reject") {
      const plan = planOf(decision);
      expect(plan.allowedCategories).toEqual(expectedAllowed);
      const refused = categories.filter((c) => !expectedAllowed.includes(c));
      expect(plan.refusedCategories.map((f) => f.category)).toEqual(refused);
    }
  });

  it("allows content under a civil court order with consent, and needs two reviewers", () => {
    const s = scenario((x) => {
      setRequesterKind(x, "civil_litigant");
      x.body.legalProcess.kind = "court_order";
      x.body.consent = { accountIdentifier: "alex@example.com", grantedOn: "2025-06-01", categories: ["content_mail"], documentSha256: "d".repeat(64) };
    });
    const plan = planOf(evaluate(s));
    expect(plan.allowedCategories).toEqual(["subscriber_info", "content_mail"]);
    expect(plan.reviewersRequired).toBe(2);
  });

  it("explains a missing consent in words the requester can act on", () => {
    const s = scenario((x) => {
      setRequesterKind(x, "civil_litigant");
      x.body.legalProcess.kind = "subpoena";
      x.body.legalProcess.signature!.role = "attorney";
    });
    expect(planOf(evaluate(s)).refusedCategories[0]?.explanation).toMatch(/consent/);
  });
});
