import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

/** R3 improperly served: only the portal, and only a requester whose vetting is active. */
export const checkService: PolicyCheck = ({ ctx }) => {
  const findings = [];
  if (ctx.servedVia !== "portal") {
    findings.push(
      makeFinding("improperly_served", `The demand was served by ${ctx.servedVia.replaceAll("_", " ")}; demands are accepted only through the portal.`),
    );
  }
  if (ctx.requester.status !== "active") {
    findings.push(
      makeFinding(
        "improperly_served",
        `Your portal access is ${ctx.requester.status}; only requesters with active vetting may serve demands. Contact the provider to restore access.`,
      ),
    );
  }
  return findings;
};
