import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeHealthHandler } from "./handlers/health-handler";
import { HealthView, jsonResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("health", {
  route: "health",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: makeHealthHandler(async () => {
    const services = await getServices();
    return {
      cosmos: async () => {
        await services.demands.get("health-probe");
      },
      blob: async () => {
        await services.documents.get("health-probe");
      },
    };
  }),
});

documentRoute({
  name: "health",
  method: "get",
  route: "health",
  auth: "public",
  operation: {
    summary: "Liveness and dependencies",
    responses: { "200": jsonResponse("Healthy", HealthView), "503": jsonResponse("A dependency is down", HealthView) },
  },
});
