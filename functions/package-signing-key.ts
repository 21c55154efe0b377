import { app } from "@azure/functions";
import { z } from "zod";
import { getServices } from "../shared/composition/services";
import { problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { makeSigningKeyHandler } from "./handlers/signing-key-handler";

app.http("packageSigningKey", { route: "package-signing-key", methods: ["GET"], authLevel: "anonymous", handler: makeSigningKeyHandler(getServices) });

documentRoute({
  name: "packageSigningKey",
  method: "get",
  route: "package-signing-key",
  auth: "public",
  operation: {
    summary: "The provider's public signing key (PEM; its fingerprint in X-Key-Fingerprint): recipients pin it once with `lrw-package trust <url>`",
    responses: {
      "200": {
        description: "The current public key, then the earlier versions (newest first), each preceded by Key-Id, Fingerprint, Status, Signed-From and Signed-Until lines",
        headers: z.object({ "x-key-fingerprint": z.string().meta({ description: "sha256:<hex> of the key, to compare with the one the provider publishes" }) }),
        content: { "application/x-pem-file": { schema: z.string() } },
      },
      "503": problemResponse("The key service is unavailable"),
    },
  },
});
