import type { Finding } from "../../demand";
import type { ServiceChannel } from "../../enums";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

const CHANNEL_LABELS: Readonly<Record<ServiceChannel, string>> = {
  portal: "through the portal",
  email: "by email",
  postal: "by post",
  fax: "by fax",
  in_person: "in person",
};

/** R3 improperly served: only the portal, and only a requester whose vetting is active. */
export const checkService: PolicyCheck = ({ ctx }) => {
  const findings: Finding[] = [];
  if (ctx.servedVia !== "portal") {
    findings.push(
      makeFinding("improperly_served", `The demand was served ${CHANNEL_LABELS[ctx.servedVia]}; demands are accepted only through the portal.`),
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
