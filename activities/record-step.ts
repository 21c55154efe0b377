import * as df from "durable-functions";
import { traced } from "./traced";
import { getServices } from "../shared/composition/services";
import { makeRecordStepHandler } from "./handlers/record-step";

/** The recordStep activity, as the lifecycle calls it. */
export const recordStep = df.app.activity("recordStep", { handler: traced("recordStep", makeRecordStepHandler(getServices)) });
