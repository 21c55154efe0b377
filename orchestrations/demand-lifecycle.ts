import * as df from "durable-functions";
import { closeDemand } from "../activities/close-demand";
import { disclose } from "../activities/disclose";
import { loadDemand } from "../activities/load-demand";
import { notifyRequester } from "../activities/notify-requester";
import { recordStep } from "../activities/record-step";
import { requestReview } from "../activities/request-review";
import { sendCustomerNotice } from "../activities/send-customer-notice";
import { makeDemandLifecycle } from "./lifecycle/demand-lifecycle-flow";

df.app.orchestration(
  "demandLifecycle",
  makeDemandLifecycle({ loadDemand, recordStep, notifyRequester, requestReview, sendCustomerNotice, disclose, closeDemand }),
);
