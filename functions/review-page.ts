import { app } from "@azure/functions";
import { z } from "zod";
import { getServices } from "../shared/composition/services";
import { DemandIdParams } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { makeReviewDocumentHandler, makeReviewLinkHandler, makeReviewPageHandler } from "./handlers/review-page-handler";

// GETs only render (and audit views): mail scanners fetch links, so nothing else may change here.
app.http("reviewLink", { route: "review/{token}", methods: ["GET"], authLevel: "anonymous", handler: makeReviewLinkHandler(getServices) });
app.http("reviewPage", { route: "review/demands/{id}", methods: ["GET"], authLevel: "anonymous", handler: makeReviewPageHandler(getServices) });
app.http("reviewDocument", {
  route: "review/demands/{id}/documents/{document}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: makeReviewDocumentHandler(getServices),
});

const html = (description: string) => ({ description, content: { "text/html": { schema: z.string() } } });

documentRoute({
  name: "reviewLink",
  method: "get",
  route: "review/{token}",
  auth: "public",
  operation: {
    summary: "A mailed review link: redirects to the demand's review page (it decides nothing and grants nothing)",
    requestParams: { path: z.object({ token: z.string() }) },
    responses: {
      "303": { description: "To the demand's review page" },
      "400": html("A damaged or cut-short link"),
      "403": html("A link this service did not issue, or an altered one"),
      "410": html("An expired link"),
    },
  },
});

documentRoute({
  name: "reviewPage",
  method: "get",
  route: "review/demands/{id}",
  auth: "staff",
  operation: {
    summary: "The review page for signed-in reviewers the round asks: the documents, the identifiers, the preview of what would leave",
    requestParams: { path: DemandIdParams, query: z.object({ round: z.string().optional() }) },
    responses: {
      "200": html("The page"),
      "303": { description: "To sign-in" },
      "403": html("Not a reviewer of this round"),
      "404": html("No such demand"),
      "409": html("This reviewer already decided this round"),
      "410": html("The round is closed"),
    },
  },
});

documentRoute({
  name: "reviewDocument",
  method: "get",
  route: "review/demands/{id}/documents/{document}",
  auth: "staff",
  operation: {
    summary: "The legal process or a secrecy order's document, inline for a signed-in reviewer (audited)",
    requestParams: { path: DemandIdParams.extend({ document: z.string().meta({ description: "legal-process or secrecy-N" }) }) },
    responses: {
      "200": { description: "The PDF as filed", content: { "application/pdf": { schema: z.string() } } },
      "303": { description: "To sign-in" },
      "403": html("Not a reviewer of this round"),
      "404": html("No such demand or document"),
      "409": html("This reviewer already decided this round, or the stored document no longer matches the hash recorded at receipt"),
      "410": html("The round is closed"),
    },
  },
});
