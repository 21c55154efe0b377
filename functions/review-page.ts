import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeReviewPageHandler } from "./handlers/review-page-handler";

// GET only renders: mail scanners fetch links, so nothing may change here.
app.http("reviewPage", { route: "review/{token}", methods: ["GET"], authLevel: "anonymous", handler: makeReviewPageHandler(getServices) });
