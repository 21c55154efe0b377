import type { Finding } from "../../demand";
import { identifierKey } from "../../tenant";
import { inclusiveRangeDays, isDateBefore } from "../dates";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

/** R3 overly broad as a whole: no specific identifier, too many accounts, or a date range wider than the limit (tighter for emergencies, R10). */
export const checkBreadth: PolicyCheck = ({ body, ctx }) => {
  const findings: Finding[] = [];
  if (body.targets.length === 0) {
    findings.push(makeFinding("overly_broad", "The demand names no identifier; name the specific accounts the order covers."));
  }
  const distinctTargets = new Set(body.targets.map((target) => identifierKey(target.type, target.value))).size;
  if (distinctTargets > ctx.limits.maxAccounts) {
    findings.push(
      makeFinding("overly_broad", `The demand names ${distinctTargets} identifiers; at most ${ctx.limits.maxAccounts} may be named in one demand.`),
    );
  }
  const { from, to } = body.dateRange;
  // An empty, unbounded or inverted range is a wrong-dates finding; its width is not measured.
  if (from !== "" && to !== undefined && to !== "" && !isDateBefore(to, from)) {
    const emergency = body.legalProcess.kind === "emergency_request";
    const maxDays = emergency ? ctx.limits.maxEmergencyRangeDays : ctx.limits.maxRangeDays;
    const days = inclusiveRangeDays(from, to);
    if (days > maxDays) {
      findings.push(
        makeFinding(
          "overly_broad",
          `The date range covers ${days} days; ${emergency ? "an emergency request" : "a demand"} may cover at most ${maxDays} days.`,
        ),
      );
    }
  }
  return findings;
};
