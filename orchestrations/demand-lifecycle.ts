import * as df from "durable-functions";
import { applyEffects } from "../activities/apply-effects";
import { disclose } from "../activities/disclose";
import { loadDemand } from "../activities/load-demand";
import { makeDemandLifecycle } from "./lifecycle/demand-lifecycle-flow";

df.app.orchestration("demandLifecycle", makeDemandLifecycle({ loadDemand, applyEffects, disclose }));
