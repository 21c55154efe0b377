import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeSecrecyOrderHandler } from "./handlers/secrecy-order-handler";

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
