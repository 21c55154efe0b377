import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeGetDemandHandler } from "./handlers/get-demand-handler";
import { DemandStatusViewSchema } from "../shared/use-cases/demand-status";
import { DemandIdParams, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("getDemand", { route: "demands/{id}", methods: ["GET"], authLevel: "anonymous", handler: makeGetDemandHandler(getServices) });

documentRoute({
  name: "getDemand",
  method: "get",
  route: "demands/{id}",
  auth: "requester",
  operation: {
    summary: "Status, plan, reasons and timeline of one of your demands (never customer data)",
    requestParams: { path: DemandIdParams },
    responses: { "200": jsonResponse("The demand's status", DemandStatusViewSchema), "404": problemResponse("No demand of yours has this id") },
  },
});
