import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeWithdrawDemandHandler } from "./handlers/withdraw-demand-handler";
import { DemandStatusViewSchema } from "../shared/use-cases/demand-status";
import { DemandIdParams, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("withdrawDemand", {
  route: "demands/{id}/withdraw",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeWithdrawDemandHandler(getInvocationServices),
});

documentRoute({
  name: "withdrawDemand",
  method: "post",
  route: "demands/{id}/withdraw",
  auth: "requester",
  operation: {
    summary: "Withdraw one of your demands (counted as redirected after a redirect)",
    requestParams: { path: DemandIdParams },
    responses: {
      "202": jsonResponse("Withdrawal recorded", DemandStatusViewSchema),
      "404": problemResponse("No demand of yours has this id"),
      "409": problemResponse("The demand can no longer be withdrawn"),
    },
  },
});
