import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeTransparencyReportHandler } from "./handlers/transparency-report-handler";
import { z } from "zod";
import { ReportPeriod } from "../shared/transparency/period";
import { problemResponse, TransparencyReportSchema } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("transparencyReport", { route: "reports/transparency", methods: ["GET"], authLevel: "anonymous", handler: makeTransparencyReportHandler(getServices) });

documentRoute({
  name: "transparencyReport",
  method: "get",
  route: "reports/transparency",
  auth: "public",
  operation: {
    summary: "The transparency report of a closed half-year",
    requestParams: { query: z.object({ period: ReportPeriod, format: z.enum(["json", "csv", "html"]).default("json") }) },
    responses: {
      "200": {
        description: "The report",
        content: {
          "application/json": { schema: TransparencyReportSchema },
          "text/csv": { schema: z.string() },
          "text/html": { schema: z.string() },
        },
      },
      "400": problemResponse("Malformed period or format"),
      "409": problemResponse("The half-year has not ended"),
    },
  },
});
