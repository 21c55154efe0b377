import type { Finding } from "../../demand";
import { PROCESS_LABELS, REQUESTER_LABELS } from "../labels";
import { isProcessAvailable } from "../process-authority";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

/**
 * R3 exceeds authority or jurisdiction: the demand must describe the requester as vetted, stay within its vetted
 * jurisdictions, use process its kind may serve, and come from its own country's authorities (an MLAT request is
 * executed by the provider's country, so its issuing country may differ).
 */
export const checkAuthority: PolicyCheck = ({ body, ctx }) => {
  const declared = body.requester;
  const vetted = ctx.requester;
  const process = body.legalProcess;
  const findings: Finding[] = [];
  if (declared.kind !== vetted.kind) {
    findings.push(makeFinding("exceeds_authority", `The demand declares the requester as ${REQUESTER_LABELS[declared.kind]}, but it is vetted as ${REQUESTER_LABELS[vetted.kind]}.`));
  }
  if (declared.country !== vetted.country) {
    findings.push(makeFinding("exceeds_authority", `The demand declares country ${declared.country}, but the requester is vetted for ${vetted.country}.`));
  }
  // Decision: jurisdictions match exactly; being vetted for "US" does not cover "US-CA" (a national agency and a state
  // agency are vetted separately, and US-FED exists for federal authorities).
  if (!vetted.jurisdictions.includes(declared.jurisdiction)) {
    findings.push(
      makeFinding(
        "exceeds_authority",
        `Jurisdiction ${declared.jurisdiction} is not among the requester's vetted jurisdictions (${vetted.jurisdictions.join(", ")}).`,
      ),
    );
  }
  if (!isProcessAvailable(process.kind, vetted.kind)) {
    findings.push(
      makeFinding("exceeds_authority", `A requester vetted as ${REQUESTER_LABELS[vetted.kind]} cannot serve ${PROCESS_LABELS[process.kind]}.`),
    );
  }
  if (process.kind !== "mlat_request" && process.issuingCountry !== vetted.country) {
    findings.push(
      makeFinding(
        "exceeds_authority",
        `The legal process was issued in ${process.issuingCountry}, outside the requester's country ${vetted.country}; foreign process must come through an MLAT request.`,
      ),
    );
  }
  return findings;
};
