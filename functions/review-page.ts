import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
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
