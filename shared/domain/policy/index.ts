/** The policy engine: pure functions that judge a demand against the published commitments. */
export { evaluateDemand } from "./evaluate-demand";
export type { PolicyContext, PolicyLimits, DataAccessAgreement } from "./policy-context";
export { DEFAULT_POLICY_LIMITS } from "./policy-context";
export type { PolicyDecision, DemandPlan, NoticePlan, ConflictOfLaws } from "./policy-decision";
export { assessCategories } from "./category-standard";
export type { CategoryAssessment } from "./category-standard";
export { EU_EEA_COUNTRIES, isEuEeaCountry } from "./eu-eea";
export { daysBetween, inclusiveRangeDays, isDateBefore, latestDateOf, utcDateOf } from "./dates";
export { validateIdentifier } from "./identifier";
export type { IdentifierVerdict } from "./identifier";
export { parseIpv4, parseIpv6 } from "./ip-address";
export { namesProvider, normaliseLegalName } from "./legal-names";
export { isAuthorisedSigner, isProcessAvailable } from "./process-authority";
export { isPlaceholderText } from "./placeholder-text";
export { isReimbursementAllowed, reimbursementRefusal } from "./reimbursement";
export { planNotice } from "./notice-plan";
export { agreementCovers, assessCrossBorder, type CrossBorderVerdict } from "./conflict-of-laws";
