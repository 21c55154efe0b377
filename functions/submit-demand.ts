import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeSubmitDemandHandler } from "./handlers/submit-demand-handler";

app.http("submitDemand", {
  route: "demands",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: makeSubmitDemandHandler(async () => {
    const services = await getServices();
    return {
      ...services,
      providerLegalNames: services.config.PROVIDER_LEGAL_NAMES,
      maxBodyBytes: services.config.INTAKE_MAX_BODY_BYTES,
      publicBaseUrl: services.config.PUBLIC_BASE_URL,
    };
  }),
});
