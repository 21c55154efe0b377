import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeHealthHandler } from "./handlers/health-handler";

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
