import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeGetPackageHandler } from "./handlers/get-package-handler";

app.http("getPackage", { route: "demands/{id}/package", methods: ["GET"], authLevel: "anonymous", handler: makeGetPackageHandler(getServices) });
