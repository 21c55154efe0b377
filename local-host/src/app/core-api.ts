import Module from "node:module";

/** One binding of a registered function, as @azure/functions describes it to the worker. */
export interface BindingInfo {
  type: string;
  direction: "in" | "out" | "inout";
  name?: string;
  [key: string]: unknown;
}

/** What the worker learns about a function when the app registers it. */
export interface FunctionMetadata {
  name: string;
  bindings: Record<string, BindingInfo>;
  retryOptions?: unknown;
}

/** A function handler exactly as the app registered it. */
export type FunctionCallback = (...args: unknown[]) => unknown;

/** A registered function: its metadata and handler. */
export interface Registration {
  metadata: FunctionMetadata;
  handler: FunctionCallback;
}

/** A hook callback registered through `app.hook.*`. */
export type HookCallback = (context: Record<string, unknown>) => unknown;

/** Everything an app registered while it was being loaded. */
export interface AppRegistry {
  functions: Map<string, Registration>;
  hooks: Map<string, HookCallback[]>;
  log: (level: string, category: string, message: string) => void;
}

let current: AppRegistry | undefined;

function requireRegistry(): AppRegistry {
  if (!current) throw new Error("@azure/functions-core was used while no local host was loading an app");
  return current;
}

/** The `@azure/functions-core` module the Functions worker would normally provide. */
const coreApi = {
  version: "local-host",
  hostVersion: "4.0.0-local",
  registerFunction(metadata: FunctionMetadata, handler: FunctionCallback) {
    const registry = requireRegistry();
    if (registry.functions.has(metadata.name)) {
      throw new Error(`A function named "${metadata.name}" is already registered`);
    }
    registry.functions.set(metadata.name, { metadata, handler });
    return { dispose: () => registry.functions.delete(metadata.name) };
  },
  setProgrammingModel(): void {
    // The local host invokes handlers directly, so the programming model object is not needed.
  },
  getProgrammingModel(): undefined {
    return undefined;
  },
  registerHook(hookName: string, callback: HookCallback) {
    const registry = requireRegistry();
    const list = registry.hooks.get(hookName) ?? [];
    list.push(callback);
    registry.hooks.set(hookName, list);
    return {
      dispose: () => {
        const index = list.indexOf(callback);
        if (index >= 0) list.splice(index, 1);
      },
    };
  },
  log(level: string, category: string, message: string): void {
    current?.log(level, category, message);
  },
  Disposable: class {
    constructor(private readonly callback: () => void) {}
    dispose(): void {
      this.callback();
    }
  },
};

interface ModuleInternals {
  _load: (request: string, parent: unknown, isMain: boolean) => unknown;
}

let installed = false;

/** Makes `require("@azure/functions-core")` resolve to the local host's core API, once per process. */
export function installCoreApi(): void {
  if (installed) return;
  installed = true;
  const internals = Module as unknown as ModuleInternals;
  const originalLoad = internals._load;
  internals._load = function load(request, parent, isMain) {
    if (request === "@azure/functions-core") return coreApi;
    return originalLoad.call(this, request, parent, isMain);
  };
}

/** Routes registrations and worker logs to `registry` (the most recently loaded app wins). */
export function activateRegistry(registry: AppRegistry): void {
  current = registry;
}
