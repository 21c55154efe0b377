import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeSubmitDemandHandler } from "./handlers/submit-demand-handler";
import { z } from "zod";
import { DemandSubmission } from "../shared/domain/demand";
import { DemandStatusViewSchema } from "../shared/use-cases/demand-status";
import { jsonBody, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { IDEMPOTENCY_KEY } from "./handlers/submit-demand-handler";

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

documentRoute({
  name: "submitDemand",
  method: "post",
  route: "demands",
  auth: "requester",
  operation: {
    summary: "Submit a demand with its legal process (PDF, base64)",
    description:
      "400 only for a body that cannot be read as a demand (not JSON, wrong types, unknown fields, malformed values, a document that is not a PDF). A readable demand with a legal defect is recorded and rejected with every reason (status rejected). The same Idempotency-Key with the same body returns the same demand and never restarts its lifecycle. A body over INTAKE_MAX_BODY_BYTES (10 MiB by default) is refused with 413.",
    requestParams: { header: z.object({ "idempotency-key": z.string().regex(IDEMPOTENCY_KEY).meta({ description: "8 to 128 of letters, digits, . _ : -" }) }) },
    requestBody: jsonBody(DemandSubmission.meta({ id: "DemandSubmission" })),
    responses: {
      "202": {
        description: "Recorded (also when rejected on its legal merits: see status and rejection)",
        headers: z.object({ location: z.url() }),
        content: { "application/json": { schema: DemandStatusViewSchema } },
      },
      "400": problemResponse("The body cannot be read as a demand; errors lists every field"),
      "409": problemResponse("This Idempotency-Key was used with another body"),
      "413": problemResponse("Body too large"),
      "415": problemResponse("Not application/json"),
    },
  },
});
