import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeReviewPageHandler } from "./handlers/review-page-handler";
import { z } from "zod";
import { documentRoute } from "../shared/http/openapi-registry";

// GET only renders: mail scanners fetch links, so nothing may change here.
app.http("reviewPage", { route: "review/{token}", methods: ["GET"], authLevel: "anonymous", handler: makeReviewPageHandler(getServices) });

documentRoute({
  name: "reviewPage",
  method: "get",
  route: "review/{token}",
  auth: "public",
  operation: {
    summary: "A reviewer's confirmation page, from the mailed link (the token is the credential; GET changes nothing)",
    requestParams: { path: z.object({ token: z.string() }) },
    responses: { "200": { description: "The review page", content: { "text/html": { schema: z.string() } } }, "404": { description: "Unknown or expired link", content: { "text/html": { schema: z.string() } } } },
  },
});
