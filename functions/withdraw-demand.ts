import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeWithdrawDemandHandler } from "./handlers/withdraw-demand-handler";

app.http("withdrawDemand", { route: "demands/{id}/withdraw", methods: ["POST"], authLevel: "anonymous", handler: makeWithdrawDemandHandler(getServices) });
