import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeGetPackageHandler } from "./handlers/get-package-handler";
import { DemandIdParams, jsonResponse, PackageView, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("getPackage", { route: "demands/{id}/package", methods: ["GET"], authLevel: "anonymous", handler: makeGetPackageHandler(getServices) });

documentRoute({
  name: "getPackage",
  method: "get",
  route: "demands/{id}/package",
  auth: "requester",
  operation: {
    summary: "Once released: a short-lived read-only link per sealed package and the data key wrapped to your registered key",
    requestParams: { path: DemandIdParams },
    responses: {
      "200": jsonResponse("The sealed packages (open with lrw-package open)", PackageView),
      "404": problemResponse("No demand of yours has this id"),
      "409": problemResponse("Nothing has been released yet"),
    },
  },
});
