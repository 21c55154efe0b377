import { namesProvider } from "../legal-names";
import { isPlaceholderText } from "../placeholder-text";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

/** R3 not properly addressed (no addressee) and wrong provider (addressed to another company). */
export const checkAddressing: PolicyCheck = ({ body, ctx }) => {
  const addressedTo = body.legalProcess.addressedTo.trim();
  // A placeholder ("n/a", "TBD") names nobody, so it is not addressed to another company either.
  if (addressedTo === "" || isPlaceholderText(addressedTo)) {
    return [makeFinding("not_properly_addressed", "The legal process is not addressed to anyone; address it to the provider by its legal name.")];
  }
  if (!namesProvider(addressedTo, ctx.provider.legalNames)) {
    return [
      makeFinding(
        "wrong_provider",
        `The legal process is addressed to another company; address it to ${ctx.provider.legalNames.join(" or ")}.`,
      ),
    ];
  }
  return [];
};
