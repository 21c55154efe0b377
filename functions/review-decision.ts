import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeReviewDecisionHandler } from "./handlers/review-decision-handler";

app.http("reviewDecision", {
  route: "review/demands/{id}",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeReviewDecisionHandler(getInvocationServices),
});
