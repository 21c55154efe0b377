import * as df from "durable-functions";
import { applyEffects } from "../activities/apply-effects";
import { disclose } from "../activities/disclose";
import { loadDemand } from "../activities/load-demand";
import { LIFECYCLE_ORCHESTRATION } from "../shared/domain/lifecycle/lifecycle-settings";
import { makeDemandLifecycle } from "./lifecycle/demand-lifecycle-flow";

df.app.orchestration(LIFECYCLE_ORCHESTRATION, makeDemandLifecycle({ loadDemand, applyEffects, disclose }));
