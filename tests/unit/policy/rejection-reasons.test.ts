import { describe, expect, it } from "vitest";
import { RejectionReason } from "../../../shared/domain/enums";
import type { Scenario } from "./demand-builder";
import { evaluate, makeEmergency, reasonsOf, scenario, setRequesterKind, setTargets } from "./demand-builder";

type Row = [name: string, mutate: (s: Scenario) => void, reasons: RejectionReason[]];

const email = (value: string) => ({ type: "email" as const, value });

const emergencyFrom = (kind: Scenario["body"]["requester"]["kind"]) => (s: Scenario) => {
  makeEmergency(s);
  setRequesterKind(s, kind);
};

const withDetails = (patch: Partial<NonNullable<Scenario["body"]["emergency"]>>) => (s: Scenario) => {
  makeEmergency(s);
  s.body.emergency = { ...s.body.emergency!, ...patch };
};

const signedBy = (kind: Scenario["body"]["legalProcess"]["kind"], role: NonNullable<Scenario["body"]["legalProcess"]["signature"]>["role"]) =>
  (s: Scenario) => {
    if (kind === "emergency_request") makeEmergency(s);
    s.body.legalProcess.kind = kind;
    s.body.legalProcess.signature!.role = role;
    s.body.categories = ["subscriber_info"];
  };

const ONE_REASON_ROWS: Row[] = [
  // improperly_served
  ["served by email", (s) => (s.ctx.servedVia = "email"), ["improperly_served"]],
  ["served by fax", (s) => (s.ctx.servedVia = "fax"), ["improperly_served"]],
  ["requester suspended", (s) => (s.ctx.requester.status = "suspended"), ["improperly_served"]],
  ["requester revoked", (s) => (s.ctx.requester.status = "revoked"), ["improperly_served"]],
  // wrong_provider
  ["addressed to another company", (s) => (s.body.legalProcess.addressedTo = "Fabrikam Inc."), ["wrong_provider"]],
  ["addressed to a look-alike name", (s) => (s.body.legalProcess.addressedTo = "Contosoft Ltd"), ["wrong_provider"]],
  // not_properly_addressed
  ["addressed to no one", (s) => (s.body.legalProcess.addressedTo = ""), ["not_properly_addressed"]],
  ["addressed to blanks", (s) => (s.body.legalProcess.addressedTo = "   "), ["not_properly_addressed"]],
  // exceeds_authority
  ["declared kind differs from vetted", (s) => (s.body.requester.kind = "other_government"), ["exceeds_authority"]],
  ["declared country differs from vetted", (s) => (s.body.requester.country = "GB"), ["exceeds_authority"]],
  ["jurisdiction not vetted", (s) => (s.body.requester.jurisdiction = "US-NY"), ["exceeds_authority"]],
  ["country-level jurisdiction does not cover a vetted subdivision", (s) => (s.body.requester.jurisdiction = "US"), ["exceeds_authority"]],
  ["civil litigant with a search warrant", (s) => setRequesterKind(s, "civil_litigant"), ["exceeds_authority"]],
  ["civil litigant with an emergency request", emergencyFrom("civil_litigant"), ["exceeds_authority"]],
  [
    "civil litigant with national-security process",
    (s) => {
      setRequesterKind(s, "civil_litigant");
      s.body.legalProcess.kind = "national_security";
    },
    ["exceeds_authority"],
  ],
  [
    "civil litigant with an MLAT request",
    (s) => {
      setRequesterKind(s, "civil_litigant");
      s.body.legalProcess.kind = "mlat_request";
    },
    ["exceeds_authority"],
  ],
  ["other government with an emergency request", emergencyFrom("other_government"), ["exceeds_authority"]],
  ["process issued in another country", (s) => (s.body.legalProcess.issuingCountry = "DE"), ["exceeds_authority"]],
  // unsigned_or_unauthorised
  ["unsigned", (s) => (s.body.legalProcess.signature = undefined), ["unsigned_or_unauthorised"]],
  ["search warrant signed by a prosecutor", signedBy("search_warrant", "prosecutor"), ["unsigned_or_unauthorised"]],
  ["court order signed by a court clerk", signedBy("court_order", "court_clerk"), ["unsigned_or_unauthorised"]],
  ["law-enforcement subpoena signed by an attorney", signedBy("subpoena", "attorney"), ["unsigned_or_unauthorised"]],
  ["subpoena signed by an officer", signedBy("subpoena", "law_enforcement_officer"), ["unsigned_or_unauthorised"]],
  ["emergency request signed by a judge", signedBy("emergency_request", "judge"), ["unsigned_or_unauthorised"]],
  ["MLAT request signed by a magistrate", signedBy("mlat_request", "magistrate"), ["unsigned_or_unauthorised"]],
  ["national-security process signed by a prosecutor", signedBy("national_security", "prosecutor"), ["unsigned_or_unauthorised"]],
  ["preservation request signed by a judge", signedBy("preservation_request", "judge"), ["unsigned_or_unauthorised"]],
  ["emergency request not on letterhead", withDetails({ onOfficialLetterhead: false }), ["unsigned_or_unauthorised"]],
  // wrong_dates
  // Not "2025-06-16": at 12:00 UTC on the 15th it is already the 16th at UTC+14.
  ["process issued in the future", (s) => (s.body.legalProcess.issuedOn = "2025-06-17"), ["wrong_dates"]],
  ["signed in the future", (s) => (s.body.legalProcess.signature!.signedOn = "2025-06-20"), ["wrong_dates"]],
  ["process expired", (s) => (s.body.legalProcess.expiresOn = "2025-06-14"), ["wrong_dates"]],
  [
    "process expires before it was issued",
    (s) => {
      s.body.legalProcess.issuedOn = "2025-06-10";
      s.body.legalProcess.expiresOn = "2025-06-09";
    },
    ["wrong_dates"],
  ],
  ["range unbounded", (s) => (s.body.dateRange = { from: "2025-01-01" }), ["wrong_dates"]],
  ["range inverted", (s) => (s.body.dateRange = { from: "2025-05-01", to: "2025-04-01" }), ["wrong_dates"]],
  ["range starts in the future", (s) => (s.body.dateRange = { from: "2025-06-17", to: "2025-06-30" }), ["wrong_dates"]],
  [
    "secrecy order expires before it was issued",
    (s) => (s.body.secrecyOrder = { reference: "NDO-1", issuingCourt: "Superior Court", issuedOn: "2025-06-01", expiresOn: "2025-05-01" }),
    ["wrong_dates"],
  ],
  [
    "secrecy order issued in the future",
    (s) => (s.body.secrecyOrder = { reference: "NDO-1", issuingCourt: "Superior Court", issuedOn: "2025-06-20", expiresOn: "2025-12-31" }),
    ["wrong_dates"],
  ],
  // material_mistakes
  ["malformed email", (s) => setTargets(s, [email("alex@@example.com")]), ["material_mistakes"]],
  ["email without a domain", (s) => setTargets(s, [email("alex@localhost")]), ["material_mistakes"]],
  ["phone not in E.164", (s) => setTargets(s, [{ type: "phone", value: "425-555-0100" }]), ["material_mistakes"]],
  ["IPv4 octet out of range", (s) => setTargets(s, [{ type: "ip", value: "192.0.2.256" }]), ["material_mistakes"]],
  ["IPv6 with two compressions", (s) => setTargets(s, [{ type: "ip", value: "2001:db8::1::2" }]), ["material_mistakes"]],
  ["account id too short", (s) => setTargets(s, [{ type: "account_id", value: "ab1" }]), ["material_mistakes"]],
  ["username with a space", (s) => setTargets(s, [{ type: "username", value: "alex smith" }]), ["material_mistakes"]],
  ["duplicate targets (case differs)", (s) => setTargets(s, [email("alex@example.com"), email("ALEX@example.com")]), ["material_mistakes"]],
  [
    "consent for an account not among the targets",
    (s) => (s.body.consent = { accountIdentifier: "other@example.com", grantedOn: "2025-06-01", categories: ["content_mail"], documentSha256: "a".repeat(64) }),
    ["material_mistakes"],
  ],
  // overly_broad
  ["wildcard email", (s) => setTargets(s, [email("*")]), ["overly_broad"]],
  ["wildcard inside an email", (s) => setTargets(s, [email("%@example.com")]), ["overly_broad"]],
  ["username 'all'", (s) => setTargets(s, [{ type: "username", value: "All" }]), ["overly_broad"]],
  ["account id 'everyone'", (s) => setTargets(s, [{ type: "account_id", value: "everyone" }]), ["overly_broad"]],
  ["IP prefix", (s) => setTargets(s, [{ type: "ip", value: "10.0.0.0/8" }]), ["overly_broad"]],
  ["IPv6 prefix", (s) => setTargets(s, [{ type: "ip", value: "2001:db8::/32" }]), ["overly_broad"]],
  ["IP range", (s) => setTargets(s, [{ type: "ip", value: "10.0.0.1-10.0.0.9" }]), ["overly_broad"]],
  ["unspecified IPv4 address", (s) => setTargets(s, [{ type: "ip", value: "0.0.0.0" }]), ["overly_broad"]],
  ["unspecified IPv6 address", (s) => setTargets(s, [{ type: "ip", value: "::" }]), ["overly_broad"]],
  [
    "more accounts than the limit",
    (s) => setTargets(s, Array.from({ length: 26 }, (_, i) => email(`user${i}@example.com`))),
    ["overly_broad"],
  ],
  ["range wider than the limit", (s) => (s.body.dateRange = { from: "2023-05-31", to: "2025-06-01" }), ["overly_broad"]],
  [
    "emergency range wider than the emergency limit",
    (s) => {
      makeEmergency(s);
      s.body.dateRange = { from: "2025-05-16", to: "2025-06-15" };
    },
    ["overly_broad"],
  ],
  // facially_invalid
  [
    "emergency request without emergency details",
    (s) => {
      makeEmergency(s);
      s.body.emergency = undefined;
    },
    ["facially_invalid"],
  ],
  [
    "emergency details on a search warrant",
    (s) => {
      makeEmergency(s);
      s.body.legalProcess.kind = "search_warrant";
      s.body.legalProcess.signature!.role = "judge";
    },
    ["facially_invalid"],
  ],
  ["emergency summary is a placeholder", withDetails({ summary: "n/a" }), ["facially_invalid"]],
  ["how the data helps is a placeholder", withDetails({ howDataHelps: "TBD" }), ["facially_invalid"]],
  ["signing authority is a placeholder", withDetails({ signingAuthority: "N/A" }), ["facially_invalid"]],
  [
    "secrecy order on an emergency request",
    (s) => {
      makeEmergency(s);
      s.body.secrecyOrder = { reference: "NDO-1", issuingCourt: "Superior Court", issuedOn: "2025-06-01", expiresOn: "2025-12-31" };
    },
    ["facially_invalid"],
  ],
  [
    "secrecy order on a preservation request",
    (s) => {
      s.body.legalProcess.kind = "preservation_request";
      s.body.legalProcess.signature!.role = "law_enforcement_officer";
      s.body.secrecyOrder = { reference: "NDO-1", issuingCourt: "Superior Court", issuedOn: "2025-06-01" };
    },
    ["facially_invalid"],
  ],
  // consent alone is not legal process, so the categories are refused as well
  [
    "consent process without the consent",
    (s) => {
      s.body.legalProcess.kind = "account_owner_consent";
      s.body.legalProcess.signature!.role = "account_owner";
    },
    ["data_type_not_supported", "facially_invalid"],
  ],
  [
    "secrecy order on consent",
    (s) => {
      s.body.legalProcess.kind = "account_owner_consent";
      s.body.legalProcess.signature!.role = "account_owner";
      s.body.consent = { accountIdentifier: "alex@example.com", grantedOn: "2025-06-01", categories: ["content_mail"], documentSha256: "a".repeat(64) };
      s.body.secrecyOrder = { reference: "NDO-1", issuingCourt: "Superior Court", issuedOn: "2025-06-01" };
    },
    ["data_type_not_supported", "facially_invalid"],
  ],
  // data_type_not_supported
  [
    "subpoena for content only",
    (s) => {
      s.body.legalProcess.kind = "subpoena";
      s.body.categories = ["content_mail", "content_files"];
    },
    ["data_type_not_supported"],
  ],
];

describe("R3 rejection reasons, one rule at a time", () => {
  it.each(ONE_REASON_ROWS)("%s", (_name, mutate, reasons) => {
    expect(reasonsOf(evaluate(scenario(mutate)))).toEqual([...reasons].sort());
  });

  it("covers every reason of the closed list", () => {
    const covered = new Set(ONE_REASON_ROWS.flatMap(([, , reasons]) => reasons));
    // The list itself, so a reason added to it without a row here fails.
    expect([...covered].sort()).toEqual([...RejectionReason.options].sort());
  });
});

const ACCEPTED_ROWS: [name: string, mutate: (s: Scenario) => void][] = [
  ["process expiring today", (s) => (s.body.legalProcess.expiresOn = "2025-06-15")],
  ["addressee in other case and punctuation", (s) => (s.body.legalProcess.addressedTo = "CONTOSO CORPORATION / legal dept")],
  ["MLAT request issued abroad", (s) => {
    s.body.legalProcess.kind = "mlat_request";
    s.body.legalProcess.issuingCountry = "DE";
  }],
  ["civil subpoena signed by an attorney", (s) => {
    setRequesterKind(s, "civil_litigant");
    s.body.legalProcess.kind = "subpoena";
    s.body.legalProcess.signature!.role = "attorney";
    s.body.categories = ["subscriber_info"];
  }],
  ["range exactly at the limit (731 days)", (s) => (s.body.dateRange = { from: "2023-06-01", to: "2025-05-31" })],
  ["range ending in the future", (s) => (s.body.dateRange = { from: "2025-06-01", to: "2025-06-30" })],
  ["exactly the account limit", (s) => setTargets(s, Array.from({ length: 25 }, (_, i) => email(`user${i}@example.com`)))],
  ["well-formed identifiers of every type", (s) => setTargets(s, [
    email("first.last+tag@mail.example.co.uk"),
    { type: "phone", value: "+442079460958" },
    { type: "ip", value: "198.51.100.7" },
    { type: "ip", value: "2001:db8::ffff:192.0.2.1" },
    { type: "account_id", value: "acct-7f3a9c" },
    { type: "username", value: "gamer_tag.99" },
  ])],
  ["emergency range at the emergency limit", (s) => {
    makeEmergency(s);
    s.body.dateRange = { from: "2025-05-17", to: "2025-06-15" };
  }],
];

describe("R3 near misses that must not reject", () => {
  it.each(ACCEPTED_ROWS)("%s", (_name, mutate) => {
    expect(reasonsOf(evaluate(scenario(mutate)))).toEqual([]);
  });
});

const COMBINED_ROWS: Row[] = [
  [
    "unsigned, expired and too broad",
    (s) => {
      s.body.legalProcess.signature = undefined;
      s.body.legalProcess.expiresOn = "2025-06-01";
      setTargets(s, [email("*")]);
    },
    ["overly_broad", "unsigned_or_unauthorised", "wrong_dates"],
  ],
  [
    "faxed to another company with a malformed phone",
    (s) => {
      s.ctx.servedVia = "fax";
      s.body.legalProcess.addressedTo = "Fabrikam Inc.";
      setTargets(s, [{ type: "phone", value: "5550100" }]);
    },
    ["improperly_served", "material_mistakes", "wrong_provider"],
  ],
  [
    "subpoena for content with an unbounded range: the category refusal is listed too",
    (s) => {
      s.body.legalProcess.kind = "subpoena";
      s.body.dateRange = { from: "2025-01-01" };
    },
    ["data_type_not_supported", "wrong_dates"],
  ],
  [
    "other government's emergency without letterhead and a placeholder summary",
    (s) => {
      emergencyFrom("other_government")(s);
      s.body.emergency = { ...s.body.emergency!, onOfficialLetterhead: false, summary: "none" };
    },
    ["exceeds_authority", "facially_invalid", "unsigned_or_unauthorised"],
  ],
  [
    "unaddressed, suspended requester, foreign process, duplicate targets, range too wide",
    (s) => {
      s.body.legalProcess.addressedTo = "";
      s.ctx.requester.status = "suspended";
      s.body.legalProcess.issuingCountry = "FR";
      setTargets(s, [email("a@example.com"), email("a@example.com")]);
      s.body.dateRange = { from: "2020-01-01", to: "2025-01-01" };
    },
    ["exceeds_authority", "improperly_served", "material_mistakes", "not_properly_addressed", "overly_broad"],
  ],
];

describe("R3 combined reasons", () => {
  it.each(COMBINED_ROWS)("%s", (_name, mutate, reasons) => {
    expect(reasonsOf(evaluate(scenario(mutate)))).toEqual([...reasons].sort());
  });

  it("reports each malformed target separately, by position and without echoing its value", () => {
    const decision = evaluate(scenario((s) => setTargets(s, [email("bad@@x.com"), { type: "phone", value: "12" }])));
    expect(decision.decision).toBe("reject");
    const explanations = decision.decision === "reject" ? decision.findings.map((f) => f.explanation) : [];
    expect(explanations).toHaveLength(2);
    expect(explanations[0]).toContain("target #1 (email address)");
    expect(explanations[1]).toContain("target #2 (phone number)");
    expect(explanations.join(" ")).not.toContain("bad@@x.com");
  });
});

describe("R3 explanations", () => {
  it.each([...ONE_REASON_ROWS, ...COMBINED_ROWS])("%s: explains in plain sentences", (_name, mutate) => {
    const decision = evaluate(scenario(mutate));
    const explanations = decision.decision === "reject" ? decision.findings.map((f) => f.explanation) : [];
    expect(explanations.length).toBeGreaterThan(0);
    for (const explanation of explanations) {
      expect(explanation).toMatch(/^[A-Z].*\.$/s);
      expect(explanation).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // no raw enum names such as civil_litigant
    }
  });
});
