import { assessCrossBorder } from "../conflict-of-laws";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

/** R3 exceeds authority: content stored in another country, ordered directly with no agreement covering the pair. */
export const checkCrossBorder: PolicyCheck = ({ body, ctx }) => {
  // Decision: a preservation request discloses nothing, so it needs no agreement; the data is only held.
  if (body.legalProcess.kind === "preservation_request") return [];
  const verdict = assessCrossBorder({
    categories: body.categories,
    targets: ctx.targets,
    requesterCountry: ctx.requester.country,
    viaMlat: body.legalProcess.kind === "mlat_request",
    agreements: ctx.agreements,
  });
  return verdict.kind === "mlat_required" ? [makeFinding("exceeds_authority", verdict.explanation)] : [];
};
