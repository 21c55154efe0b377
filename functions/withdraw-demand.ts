import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeWithdrawDemandHandler } from "./handlers/withdraw-demand-handler";

app.http("withdrawDemand", {
  route: "demands/{id}/withdraw",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeWithdrawDemandHandler(getInvocationServices),
});
