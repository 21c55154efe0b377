import type { LegalProcessKind } from "../enums";

// Compelled disclosure only: emergency requests, preservation (nothing disclosed) and consent are not compelled.
const COMPELLED_PROCESS: readonly LegalProcessKind[] = ["subpoena", "court_order", "search_warrant", "mlat_request", "national_security"];

/** R13: cost reimbursement may be recorded for compelled disclosure, never for emergencies or child-exploitation cases. */
export function isReimbursementAllowed(process: LegalProcessKind, childExploitationInvestigation: boolean): boolean {
  return COMPELLED_PROCESS.includes(process) && !childExploitationInvestigation;
}

/** Why R13 refuses a reimbursement claim for this demand, or null when one may be recorded. */
export function reimbursementRefusal(process: LegalProcessKind, childExploitationInvestigation: boolean): string | null {
  if (process === "emergency_request") return "No reimbursement is claimed for an emergency request (R13).";
  if (childExploitationInvestigation) return "No reimbursement is claimed for a child-exploitation investigation (R13).";
  if (!COMPELLED_PROCESS.includes(process)) return "Reimbursement is claimed only for compelled disclosure; this process compels none (R13).";
  return null;
}
