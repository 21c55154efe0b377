import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeTransparencyReportHandler } from "./handlers/transparency-report-handler";

app.http("transparencyReport", { route: "reports/transparency", methods: ["GET"], authLevel: "anonymous", handler: makeTransparencyReportHandler(getServices) });
