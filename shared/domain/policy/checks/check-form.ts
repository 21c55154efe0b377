import type { Finding } from "../../demand";
import type { LegalProcessKind } from "../../enums";
import { PROCESS_LABELS } from "../labels";
import { isPlaceholderText } from "../placeholder-text";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

// Decision: a secrecy order attaches to compelled disclosure (a warrant, order or subpoena). An emergency request and
// a preservation request are not court process it can attach to, and the owner's consent cannot be kept secret from
// the owner, so a secrecy order on any of them contradicts the process.
const NO_SECRECY_ORDER: readonly LegalProcessKind[] = ["emergency_request", "preservation_request", "account_owner_consent"];

/** Whether a secrecy order can accompany this kind of process, at intake or filed later (R5, R10). */
export function acceptsSecrecyOrder(kind: LegalProcessKind): boolean {
  return !NO_SECRECY_ORDER.includes(kind);
}

/** R3 facially invalid: the parts the process kind needs are missing, placeholders, or contradict the kind. */
export const checkForm: PolicyCheck = ({ body }) => {
  const kind = body.legalProcess.kind;
  const findings: Finding[] = [];
  const invalid = (explanation: string) => findings.push(makeFinding("facially_invalid", explanation));

  if (kind === "emergency_request") {
    if (body.emergency === undefined) {
      invalid("An emergency request must describe the emergency: its summary, how the data would help, and the signing authority.");
    } else {
      const { summary, howDataHelps } = body.emergency;
      if (summary === "") invalid("The emergency request has no summary; describe the emergency.");
      else if (isPlaceholderText(summary)) invalid("The emergency summary is a placeholder; describe the emergency.");
      if (howDataHelps === "") invalid("The emergency request does not explain how the data would help; explain how it addresses the emergency.");
      else if (isPlaceholderText(howDataHelps)) {
        invalid("The explanation of how the data would help is a placeholder; explain how it addresses the emergency.");
      }
      if (isPlaceholderText(body.emergency.signingAuthority)) invalid("The signing authority is a placeholder; name the authority.");
    }
  } else if (body.emergency !== undefined) {
    invalid(`Emergency details were given with ${PROCESS_LABELS[kind]}; submit an emergency as an emergency request.`);
  }
  if (kind === "account_owner_consent" && body.consent === undefined) {
    invalid("A demand based on the account owner's consent must include the consent.");
  }
  if (body.secrecyOrder !== undefined && !acceptsSecrecyOrder(kind)) {
    invalid(`A secrecy order cannot accompany ${PROCESS_LABELS[kind]}.`);
  }
  return findings;
};
