import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeSubmitDemandHandler } from "./handlers/submit-demand-handler";

app.http("submitDemand", {
  route: "demands",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeSubmitDemandHandler(async (context) => {
    const services = await getInvocationServices(context);
    return {
      ...services,
      providerLegalNames: services.config.PROVIDER_LEGAL_NAMES,
      maxBodyBytes: services.config.INTAKE_MAX_BODY_BYTES,
      publicBaseUrl: services.config.PUBLIC_BASE_URL,
    };
  }),
});
