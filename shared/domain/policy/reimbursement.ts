import type { LegalProcessKind } from "../enums";

// Compelled disclosure only: emergency requests, preservation (nothing disclosed) and consent are not compelled.
const COMPELLED_PROCESS: readonly LegalProcessKind[] = ["subpoena", "court_order", "search_warrant", "mlat_request", "national_security"];

/** R13: cost reimbursement may be recorded for compelled disclosure, never for emergencies or child-exploitation cases. */
export function isReimbursementAllowed(process: LegalProcessKind, childExploitationInvestigation: boolean): boolean {
  return COMPELLED_PROCESS.includes(process) && !childExploitationInvestigation;
}
