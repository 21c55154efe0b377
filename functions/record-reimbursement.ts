import { app } from "@azure/functions";
import { z } from "zod";
import { getServices } from "../shared/composition/services";
import { ReimbursementClaim } from "../shared/domain/reimbursement-claim";
import { DemandIdParams, jsonBody, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { ReimbursementInput } from "../shared/use-cases/record-reimbursement";
import { makeReimbursementHandler } from "./handlers/reimbursement-handler";

app.http("recordReimbursement", {
  route: "manage/demands/{id}/reimbursement",
  methods: ["POST"],
  authLevel: "admin",
  handler: makeReimbursementHandler(getServices),
});

documentRoute({
  name: "recordReimbursement",
  method: "post",
  route: "manage/demands/{id}/reimbursement",
  auth: "admin",
  operation: {
    summary: "Record a cost reimbursement claim for a compelled disclosure (R13)",
    requestParams: { path: DemandIdParams },
    requestBody: jsonBody(ReimbursementInput),
    responses: {
      "201": jsonResponse("Recorded", z.object({ id: z.string(), reimbursement: ReimbursementClaim })),
      "400": problemResponse("Invalid; errors lists the fields"),
      "404": problemResponse("No such demand"),
      "409": problemResponse("Nothing disclosed yet, or a claim is already recorded"),
      "422": problemResponse("R13 refuses reimbursement: an emergency, a child-exploitation investigation, or process that compels nothing"),
    },
  },
});
