import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startEmulators, type LocalEmulators } from "../../scripts/emulators";

declare module "vitest" {
  export interface ProvidedContext {
    cosmosEndpoint: string;
    blobConnectionString: string;
  }
}

let emulators: LocalEmulators | undefined;

/** Starts Azurite and the Cosmos DB server once for the whole run. */
export async function setup(project: TestProject): Promise<void> {
  emulators = await startEmulators();
  project.provide("cosmosEndpoint", emulators.cosmosEndpoint);
  project.provide("blobConnectionString", emulators.blobConnectionString);
}

/** Stops them. */
export async function teardown(): Promise<void> {
  await emulators?.stop();
}
