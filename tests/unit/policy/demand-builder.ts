import type { DemandBody, Target } from "../../../shared/domain/demand";
import type { PolicyContext, PolicyDecision } from "../../../shared/domain/policy";
import { DEFAULT_POLICY_LIMITS, evaluateDemand } from "../../../shared/domain/policy";
import type { RejectionReason } from "../../../shared/domain/enums";
import type { ClassifiedTarget } from "../../../shared/domain/tenant";

/** A demand body and its policy context, evaluated together. */
export interface Scenario {
  body: DemandBody;
  ctx: PolicyContext;
}

/** The fixed "now" of every scenario; today is 2025-06-15. */
export const NOW = "2025-06-15T12:00:00Z";

/** The directory's view of a target: found, consumer, stored in the US, not de-linked, unless overridden. */
export function classify(target: Target, overrides: Partial<ClassifiedTarget> = {}): ClassifiedTarget {
  return {
    type: target.type,
    value: target.value,
    found: true,
    accountId: "acct-000001",
    tenantId: "tenant-consumer-1",
    enterprise: false,
    dataCountry: "US",
    delinked: false,
    keyOption: { kind: "provider_managed" },
    ...overrides,
  };
}

/**
 * The valid baseline: a US law-enforcement agency serves, through the portal, a search warrant signed by a judge for
 * subscriber information and mail of one consumer account the directory found.
 */
export function baseline(): Scenario {
  const target: Target = { type: "email", value: "alex@example.com" };
  return {
    body: {
      requester: { kind: "law_enforcement", country: "US", jurisdiction: "US-CA", agency: "Example County Sheriff", caseReference: "CASE-42" },
      legalProcess: {
        kind: "search_warrant",
        reference: "SW-2025-001",
        issuingAuthority: "Superior Court of Example County",
        issuingCountry: "US",
        issuedOn: "2025-06-01",
        expiresOn: "2025-07-01",
        signature: { name: "Hon. A. Judge", role: "judge", signedOn: "2025-06-01" },
        addressedTo: "Custodian of Records, Contoso Ltd.",
      },
      targets: [target],
      categories: ["subscriber_info", "content_mail"],
      dateRange: { from: "2025-01-01", to: "2025-05-31" },
      childExploitationInvestigation: false,
    },
    ctx: {
      now: NOW,
      servedVia: "portal",
      requester: { id: "req-1", kind: "law_enforcement", country: "US", jurisdictions: ["US-CA", "US-FED"], status: "active" },
      provider: { legalNames: ["Contoso Ltd", "Contoso Corporation"] },
      targets: [classify(target)],
      limits: { ...DEFAULT_POLICY_LIMITS },
      agreements: [],
    },
  };
}

/** A baseline changed by a mutation, for table rows. */
export function scenario(mutate: (s: Scenario) => void = () => {}): Scenario {
  const s = baseline();
  mutate(s);
  return s;
}

/** Replaces the targets, classifying each (found consumer unless overridden per index). */
export function setTargets(s: Scenario, targets: Target[], overrides: Partial<ClassifiedTarget>[] = []): void {
  s.body.targets = targets;
  s.ctx.targets = targets.map((target, index) => classify(target, overrides[index] ?? {}));
}

/** Sets the requester kind on both the declared and the vetted side. */
export function setRequesterKind(s: Scenario, kind: DemandBody["requester"]["kind"]): void {
  s.body.requester.kind = kind;
  s.ctx.requester.kind = kind;
}

/** Turns the baseline into a valid emergency request (letterhead, officer's signature, a ten-day range). */
export function makeEmergency(s: Scenario): void {
  s.body.legalProcess.kind = "emergency_request";
  s.body.legalProcess.signature = { name: "Sgt. B. Officer", role: "law_enforcement_officer", signedOn: "2025-06-15" };
  s.body.emergency = {
    onOfficialLetterhead: true,
    signingAuthority: "Example County Sheriff, Watch Commander",
    kind: "kidnapping",
    summary: "A child was taken from a school yard an hour ago; the abductor used this account to contact the family.",
    howDataHelps: "Recent login IP addresses would locate the device the abductor is using.",
  };
  s.body.dateRange = { from: "2025-06-06", to: "2025-06-15" };
}

/** Runs the policy on a scenario. */
export function evaluate(s: Scenario): PolicyDecision {
  return evaluateDemand(s.body, s.ctx);
}

/** The distinct rejection reasons of a decision, sorted (none when it proceeds). */
export function reasonsOf(decision: PolicyDecision): RejectionReason[] {
  if (decision.decision === "proceed") return [];
  return [...new Set(decision.findings.map((finding) => finding.reason))].sort();
}

/** The plan of a decision that must proceed; fails with the findings otherwise. */
export function planOf(decision: PolicyDecision) {
  if (decision.decision !== "proceed") {
    throw new Error(`expected proceed, got reject: ${decision.findings.map((f) => `${f.reason}: ${f.explanation}`).join(" | ")}`);
  }
  return decision.plan;
}
