import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeSigningKeyHandler } from "./handlers/signing-key-handler";

app.http("packageSigningKey", { route: "package-signing-key", methods: ["GET"], authLevel: "anonymous", handler: makeSigningKeyHandler(getServices) });
