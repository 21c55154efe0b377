import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeGetDemandHandler } from "./handlers/get-demand-handler";

app.http("getDemand", { route: "demands/{id}", methods: ["GET"], authLevel: "anonymous", handler: makeGetDemandHandler(getServices) });
