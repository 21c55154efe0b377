import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeSecrecyOrderHandler } from "./handlers/secrecy-order-handler";
import { DemandStatusViewSchema } from "../shared/use-cases/demand-status";
import { DemandIdParams, jsonBody, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { SecrecyOrderFiling } from "../shared/use-cases/file-secrecy-order";

app.http("fileSecrecyOrder", {
  route: "demands/{id}/secrecy-orders",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeSecrecyOrderHandler(async (context) => {
    const services = await getInvocationServices(context);
    return { ...services, maxBodyBytes: services.config.INTAKE_MAX_BODY_BYTES };
  }),
});

documentRoute({
  name: "fileSecrecyOrder",
  method: "post",
  route: "demands/{id}/secrecy-orders",
  auth: "requester",
  operation: {
    summary: "File a new or extended secrecy order (add) or its lifting (lift: order.reference names the order it lifts), each with the court's PDF",
    requestParams: { path: DemandIdParams },
    requestBody: jsonBody(SecrecyOrderFiling.meta({ id: "SecrecyOrderFiling" })),
    responses: {
      "202": jsonResponse("Filing recorded; it takes effect once a reviewer confirms it", DemandStatusViewSchema),
      "400": problemResponse("The filing cannot be read, or a lifting's order.reference names no order filed on the demand; errors lists the fields"),
      "404": problemResponse("No demand of yours has this id"),
      "409": problemResponse("The demand is closed, or its process (an emergency, a preservation or consent) takes no secrecy order"),
      "413": problemResponse("Body too large"),
      "415": problemResponse("Not application/json"),
    },
  },
});
