import type { Finding } from "../../demand";
import { PROCESS_LABELS, SIGNER_LABELS } from "../labels";
import { isAuthorisedSigner } from "../process-authority";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

/** R3 unsigned or not appropriately authorised, including R10's official letterhead. */
export const checkSignature: PolicyCheck = ({ body, ctx }) => {
  const process = body.legalProcess;
  const findings: Finding[] = [];
  if (process.signature === undefined) {
    findings.push(makeFinding("unsigned_or_unauthorised", "The legal process is not signed; submit a signed copy."));
  } else if (!isAuthorisedSigner(process.kind, process.signature.role, ctx.requester.kind)) {
    findings.push(
      makeFinding(
        "unsigned_or_unauthorised",
        `The legal process is signed by ${SIGNER_LABELS[process.signature.role]}, who cannot authorise ${PROCESS_LABELS[process.kind]}.`,
      ),
    );
  }
  if (process.kind === "emergency_request" && body.emergency !== undefined && !body.emergency.onOfficialLetterhead) {
    findings.push(makeFinding("unsigned_or_unauthorised", "An emergency request must be written on the agency's official letterhead."));
  }
  return findings;
};
