import { app } from "@azure/functions";
import { config } from "../shared/composition/services";
import { buildOpenApiDocument } from "../shared/http/openapi-document";

const document = buildOpenApiDocument(config.PUBLIC_BASE_URL);

app.http("openApi", {
  route: "openapi.json",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: async () => ({ status: 200, jsonBody: document }),
});
