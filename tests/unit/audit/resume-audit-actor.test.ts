import { describe, expect, it } from "vitest";
import { chainActor } from "../../../activities/handlers/record-step";
import { AuditActor } from "../../../shared/audit/audit-entry";

/**
 * R12 with the operator's resume: the decider records the resume as done by `operator:<who>` (transition.ts resume),
 * and the resume endpoint names "administrator". The audit log accepts only the roles system, requester, reviewer,
 * customer and admin, so the Cosmos audit log refused the entry, the resumed batch failed on every retry, and a
 * parked demand could never be resumed (found with npm start: POST /api/manage/demands/{id}/resume answered 202 and
 * the demand stayed needs_operator, the host journal full of ZodError "actor: must be a role").
 */
describe("R12: the resume of a parked demand is audited", () => {
  it("R12: the actor the decider records for an operator's resume is one the audit log accepts, naming an administrator", () => {
    const actor = chainActor("operator:administrator");
    expect(AuditActor.safeParse(actor).success).toBe(true);
    expect(actor).toBe("admin:administrator");
  });

  it("R12: other actors are unchanged (a reviewer still by the hash of the address)", () => {
    expect(chainActor("system")).toBe("system");
    expect(chainActor("requester:req-1")).toBe("requester:req-1");
    expect(chainActor("reviewer:ana@x.example")).toMatch(/^reviewer:[0-9a-f]{64}$/);
  });
});
