import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeReviewDecisionHandler } from "./handlers/review-decision-handler";
import { z } from "zod";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("reviewDecision", {
  route: "review/demands/{id}",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeReviewDecisionHandler(getInvocationServices),
});

documentRoute({
  name: "reviewDecision",
  method: "post",
  route: "review/demands/{id}",
  auth: "staff",
  operation: {
    summary: "A signed-in reviewer's decision (or a preview of a narrowing), posted by the review page's form with its CSRF token",
    requestParams: { path: z.object({ id: z.string() }) },
    requestBody: {
      required: true,
      content: {
        "application/x-www-form-urlencoded": {
          schema: z.looseObject({ confirm: z.literal("yes"), action: z.string().meta({ description: "One of the actions the page offers for this kind of review." }) }),
        },
      },
    },
    responses: {
      "200": { description: "The decision was recorded", content: { "text/html": { schema: z.string() } } },
      "400": { description: "The form was incomplete; the page lists what to fix", content: { "text/html": { schema: z.string() } } },
      "401": { description: "No staff session: nothing changed", content: { "text/html": { schema: z.string() } } },
      "403": { description: "Cross-site post, or not a reviewer this round asks", content: { "text/html": { schema: z.string() } } },
      "409": { description: "This reviewer already decided this round", content: { "text/html": { schema: z.string() } } },
      "404": { description: "No such demand", content: { "text/html": { schema: z.string() } } },
      "410": { description: "The round is closed (decided, escalated or withdrawn)", content: { "text/html": { schema: z.string() } } },
      "413": { description: "The form is too large", content: { "text/html": { schema: z.string() } } },
      "415": { description: "Not the review page's form encoding", content: { "text/html": { schema: z.string() } } },
      "503": { description: "The workflow did not accept the decision; nothing was recorded", content: { "text/html": { schema: z.string() } } },
    },
  },
});
